package dev.rqa.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.rqa.InvalidInputException;

import java.io.IOException;
import java.io.StringReader;

/** Parsing of one JSON Lines record, with errors naming {@code file:line}. */
final class JsonLines {

    private JsonLines() {
    }

    /** Parses a line that must hold exactly one JSON object. */
    static JsonObject parseObject(String line, String location) {
        JsonElement element;
        try (JsonReader reader = new JsonReader(new StringReader(line))) {
            reader.setStrictness(Strictness.STRICT);
            element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidInputException(location + ": more than one JSON value on the line; JSON Lines"
                        + " files hold one object per line");
            }
        } catch (JsonParseException | IllegalStateException | IOException e) {
            throw new InvalidInputException(location + ": invalid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (!element.isJsonObject()) {
            throw new InvalidInputException(location + ": expected a JSON object, found '"
                    + QrelsLine.abbreviate(line) + "'");
        }
        return element.getAsJsonObject();
    }

    /** Returns a required string (or number, read as text) field; a missing or null field is an error. */
    static String requiredText(JsonObject object, String field, String location) {
        String value = optionalText(object, field, location);
        if (value == null) {
            throw new InvalidInputException(location + ": missing \"" + field + "\" field");
        }
        return value;
    }

    /** Returns a string (or number, read as text) field, or null when it is missing or null. */
    static String optionalText(JsonObject object, String field, String location) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive() || ((JsonPrimitive) value).isBoolean()) {
            throw new InvalidInputException(location + ": \"" + field + "\" must be a string, found " + value);
        }
        return value.getAsString();
    }

    /** Returns the first line of a parser message; Gson appends a troubleshooting link on a second line. */
    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Names a JSON token kind in words, for error messages. */
    static String describe(JsonToken token) {
        return switch (token) {
            case BEGIN_OBJECT -> "an object";
            case BEGIN_ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case END_DOCUMENT -> "the end of the file";
            default -> token.toString();
        };
    }
}
