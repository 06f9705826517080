import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads JSON lines {"pattern": "<text>", "event": "<text>"} and prints, per line, what event-ruler answers:
 *  `match`, `nomatch` or `error: <message>` (the message of JsonRuleCompiler, which EventBridge
 *  reports, without Jackson's location lines). */
public final class RulerOracle {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) { continue; }
            JsonNode c = mapper.readTree(line);
            String answer;
            try {
                // EventBridge reports the $or-aware compiler's errors; Machine.addRule would retry
                // with the legacy compiler, which reads $or as a field name.
                JsonRuleCompiler.compile(c.get("pattern").asText());
                Machine machine = new Machine();
                machine.addRule("r", c.get("pattern").asText());
                List<String> found = machine.rulesForJSONEvent(c.get("event").asText());
                answer = found.isEmpty() ? "nomatch" : "match";
            } catch (Exception e) {
                answer = "error: " + String.valueOf(e.getMessage()).split("\n")[0];
            }
            System.out.println(answer);
        }
    }
}
