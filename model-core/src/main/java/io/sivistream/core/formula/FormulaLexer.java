package io.sivistream.core.formula;

import java.util.ArrayList;
import java.util.List;

/** Splits a formula into names, numbers and symbols, each with its 0-based offset for messages. */
final class FormulaLexer {

  enum Kind { NAME, NUMBER, SYMBOL }

  record Token(Kind kind, String text, int offset) {}

  private FormulaLexer() {}

  static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '.' || c == '_') {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Kind.NAME, s.substring(start, i), start));
      } else if (c == '`') {
        // R's back-quoted names, for columns whose names are not R identifiers
        int end = s.indexOf('`', i + 1);
        if (end < 0) {
          throw new FormulaException("formula '" + s + "' at column " + (i + 1) + ": a back-quoted name is not closed");
        }
        out.add(new Token(Kind.NAME, s.substring(i + 1, end), i));
        i = end + 1;
      } else if (Character.isDigit(c)) {
        int start = i;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(start, i), start));
      } else if (c == '|' && i + 1 < s.length() && s.charAt(i + 1) == '|') {
        out.add(new Token(Kind.SYMBOL, "||", i));
        i += 2;
      } else if ("~+*:()|,-/^".indexOf(c) >= 0) {
        out.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
        i++;
      } else {
        throw new FormulaException("formula '" + s + "' at column " + (i + 1) + ": unexpected character '" + c
            + "'; formulas use column names, 0, 1, + * : ( ) | || ~");
      }
    }
    return out;
  }
}
