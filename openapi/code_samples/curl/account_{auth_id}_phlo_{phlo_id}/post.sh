# Runs a PHLO with curl: the first step of a warm transfer, which starts the call. The payload's
# keys are the Start node's. Export PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN first (the Auth ID is also
# in the path). PHLO_BASE_URL is only for trying it against the local mock (`npm start`); unset,
# Plivo's server is used.
curl --request POST --fail-with-body \
  --user "$PLIVO_AUTH_ID:$PLIVO_AUTH_TOKEN" \
  --url "${PHLO_BASE_URL:-https://phlorunner.plivo.com/v1}/account/$PLIVO_AUTH_ID/phlo/4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a" \
  --header 'Content-Type: application/json' \
  --data '{"from": "14155550100", "to": "14155550111"}'
