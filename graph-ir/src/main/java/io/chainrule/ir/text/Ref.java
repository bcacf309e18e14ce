package io.chainrule.ir.text;

/** A {@code %id} as written in the file, before ids are renumbered into topological order. */
record Ref(int id, Token token) {
    static Ref of(Token token) {
        if (!token.text().chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw GraphParseException.at(token, "bad node reference " + token.describe() + ": expected '%' and digits");
        }
        try {
            return new Ref(Integer.parseInt(token.text()), token);
        } catch (NumberFormatException e) {
            throw GraphParseException.at(token, "node id " + token.describe() + " is too large");
        }
    }

    @Override
    public String toString() {
        return "%" + id;
    }
}
