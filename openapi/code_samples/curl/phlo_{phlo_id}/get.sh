# Reads a PHLO: runs nothing and changes nothing. Export PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN first.
# PHLO_BASE_URL is only for trying it against the local mock (`npm start`); unset, Plivo's server
# is used.
curl --request GET --fail-with-body \
  --user "$PLIVO_AUTH_ID:$PLIVO_AUTH_TOKEN" \
  --url "${PHLO_BASE_URL:-https://phlorunner.plivo.com/v1}/phlo/4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a"
