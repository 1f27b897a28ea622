# U1 goes back into the original call with Plivo's official Python SDK (pip install plivo). The
# member object also has abort_transfer(), hold(), unhold(), hangup() and voicemail_drop(). Some
# versions add mute() and unmute(): they are not multiparty call actions (see the `action` field).
# RestClient() reads PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN. PHLO_BASE_URL is only for trying it
# against the local mock (`npm start`). Note: this SDK adds a trailing slash to the path, and
# phlo.get() first fetches the PHLO and the node with two GET requests.
import os

import plivo
from plivo import exceptions

phlo_id = '4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a'  # your PHLO
node_id = '36989807-a76f-4555-84d1-9dfdccca7a80'  # its multiparty call node
member_address = '12025550000'  # U1: the agent who started the transfer

phlo_client = plivo.phlo.RestClient()
phlo_client.phlo_base_uri = os.environ.get('PHLO_BASE_URL', 'https://phlorunner.plivo.com/v1')

try:
    phlo = phlo_client.phlo.get(phlo_id)
    response = phlo.multi_party_call(node_id).member(member_address).resume_call()
    print('resume_call accepted, api_id', response.api_id)
except exceptions.PlivoRestError as error:
    print('resume_call failed:', error)
    raise SystemExit(1)
