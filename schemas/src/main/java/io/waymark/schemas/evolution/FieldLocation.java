package io.waymark.schemas.evolution;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Turns the JSON-pointer location of an Avro incompatibility ({@code /fields/2/type}) into the
 * field names a person recognises ({@code field 'sendingDomain'}, or
 * {@code field 'sealedKey.nonce'} for a nested record). Best effort: it walks the reader schema
 * as far as the pointer allows.
 */
final class FieldLocation {

    private FieldLocation() {
    }

    static String describe(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema at = reader;
        String[] tokens = location == null ? new String[0] : location.split("/");
        for (int i = 0; i < tokens.length && at != null; i++) {
            String token = tokens[i];
            if ("fields".equals(token) && i + 1 < tokens.length && at.getType() == Schema.Type.RECORD) {
                int index = index(tokens[++i]);
                if (index < 0 || index >= at.getFields().size()) {
                    break;
                }
                Schema.Field field = at.getFields().get(index);
                names.add(field.name());
                at = field.schema();
            } else if ("items".equals(token)) {
                at = at.getType() == Schema.Type.ARRAY ? at.getElementType() : null;
            } else if ("values".equals(token)) {
                at = at.getType() == Schema.Type.MAP ? at.getValueType() : null;
            } else if (at.getType() == Schema.Type.UNION && index(token) >= 0) {
                int index = index(token);
                at = index < at.getTypes().size() ? at.getTypes().get(index) : null;
            }
        }
        return names.isEmpty() ? "record '" + reader.getName() + "'" : "field '" + String.join(".", names) + "'";
    }

    private static int index(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
