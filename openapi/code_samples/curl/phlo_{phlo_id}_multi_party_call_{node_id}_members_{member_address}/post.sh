# U1 goes back into the original call after speaking with U3 privately (end of a warm transfer).
# The other actions use the same request with another body: abort_transfer, hold, unhold, hangup,
# voicemail_drop. The member (here U1) is a number or a SIP URI, put in the path as it is
# (…/members/sip:agent1@phone.plivo.com). Export PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN first.
# PHLO_BASE_URL is only for trying it against the local mock (`npm start`); unset, Plivo's server is used.
curl --request POST --fail-with-body \
  --user "$PLIVO_AUTH_ID:$PLIVO_AUTH_TOKEN" \
  --url "${PHLO_BASE_URL:-https://phlorunner.plivo.com/v1}/phlo/4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a/multi_party_call/36989807-a76f-4555-84d1-9dfdccca7a80/members/12025550000" \
  --header 'Content-Type: application/json' \
  --data '{"action": "resume_call"}'
