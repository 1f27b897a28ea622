// Warm transfer with Plivo's official Java SDK (com.plivo:plivo-java).
// Plivo.init() reads PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN. This SDK cannot be pointed at another
// server (such as the local mock). Unlike the sample on Plivo's page, no PHLO or node is fetched
// first: the updater needs only the two ids.
import com.plivo.api.Plivo;
import com.plivo.api.exceptions.PlivoRestException;
import com.plivo.api.models.node.MultiPartyCall;
import com.plivo.api.models.node.MultiPartyCallUpdateResponse;
import java.io.IOException;

public class WarmTransfer {
  public static void main(String[] args) throws IOException, PlivoRestException {
    String phloId = "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a"; // your PHLO
    String nodeId = "36989807-a76f-4555-84d1-9dfdccca7a80"; // its multiparty call node
    String triggerSource = "12025550000"; // U1: the agent who starts the transfer
    String to = "12025551111"; // U3: who takes over the call
    String role = "agent"; // U3's role on the call: "agent" or "customer"; without role() it is not sent

    Plivo.init();
    MultiPartyCallUpdateResponse response = MultiPartyCall.updater(phloId, nodeId)
        .triggerSource(triggerSource)
        .to(to)
        .role(role)
        .warm_transfer()
        .update();
    System.out.println("Warm transfer started, api_id " + response.getApiId());
  }
}
