# Warm transfer with Plivo's official Ruby SDK (gem install plivo).
# Plivo's page calls an undefined `multi_party_call`: the node comes from the PHLO object, as here.
# Plivo::Phlo.new reads PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN. This SDK cannot be pointed at another
# server (such as the local mock) without patching it.
require 'plivo'

phlo_id = '4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a' # your PHLO
node_id = '36989807-a76f-4555-84d1-9dfdccca7a80' # its multiparty call node
trigger_source = '12025550000' # U1: the agent who starts the transfer
to = '12025551111' # U3: who takes over the call
role = 'agent' # U3's role on the call: 'agent' or 'customer'

client = Plivo::Phlo.new

begin
  phlo = client.phlo.get(phlo_id) # a GET of the PHLO
  multi_party_call = phlo.multi_party_call(node_id) # a GET of the node
  response = multi_party_call.warm_transfer(trigger_source, to, role)
  puts "Warm transfer started: #{response}"
rescue Plivo::Exceptions::PlivoRESTError => e
  warn "Warm transfer failed: #{e.message}"
  exit 1
end
