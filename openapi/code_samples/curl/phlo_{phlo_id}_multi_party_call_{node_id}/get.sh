# Reads the multiparty call node: places no call and changes nothing. Export PLIVO_AUTH_ID and
# PLIVO_AUTH_TOKEN first. PHLO_BASE_URL is only for trying it against the local mock (`npm start`);
# unset, Plivo's server is used.
curl --request GET --fail-with-body \
  --user "$PLIVO_AUTH_ID:$PLIVO_AUTH_TOKEN" \
  --url "${PHLO_BASE_URL:-https://phlorunner.plivo.com/v1}/phlo/4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a/multi_party_call/36989807-a76f-4555-84d1-9dfdccca7a80"
