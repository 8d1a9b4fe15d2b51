package io.sivistream.core.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of {@link Formula}'s subset. The grammar is small enough that a parser
 * generator would be more code than it saves:
 *
 * <pre>
 * formula  := response '~' sum
 * response := NAME ('|' addition ('+' addition)*)?
 * addition := ('se' | 'trials') '(' NAME ')'
 * sum      := product ('+' product)*
 * product  := inter ('*' inter)*          a*b = a + b + a:b
 * inter    := atom (':' atom)*
 * atom     := '0' | '1' | NAME | 'offset' '(' NAME ')' | '(' group ')'
 * group    := gatom ('+' gatom)* ('|' | '||') NAME
 * </pre>
 */
final class FormulaParser {

  /** A piece of the right-hand side before it is sorted into terms, intercept, offsets and groups. */
  private sealed interface Piece permits Terms, InterceptFlag, Offset, Group {}

  private record Terms(List<Term> terms) implements Piece {}

  private record InterceptFlag(boolean on, boolean asCoefficient) implements Piece {}

  private record Offset(String column) implements Piece {}

  private record Group(GroupTerm term) implements Piece {}

  private final String text;
  private final List<FormulaLexer.Token> tokens;
  private int pos;

  FormulaParser(String text) {
    if (text == null || text.isBlank()) {
      throw new FormulaException("formula is empty; write one such as 'y ~ 1 + x'");
    }
    this.text = text.strip();
    this.tokens = FormulaLexer.tokens(this.text);
  }

  Formula parse() {
    String response = name("the response column before '~'");
    String se = null;
    String trials = null;
    if (accept("|")) {
      do {
        String fn = name("a response addition such as se(s) or trials(n)");
        expect("(", "after '" + fn + "'");
        String col = name("a column inside " + fn + "(...)");
        if (peekIs(",")) {
          throw error("'" + fn + "(" + col + ", ...)': extra arguments of response additions are not supported; write "
              + fn + "(" + col + ")");
        }
        expect(")", "to close " + fn + "(" + col);
        switch (fn) {
          case "se" -> se = col;
          case "trials" -> trials = col;
          default -> throw error("unknown response addition '" + fn + "(" + col + ")'; supported: se(col), trials(col)");
        }
      } while (accept("+"));
    }
    expect("~", "between the response and the predictors");
    List<Piece> pieces = sum();
    if (pos < tokens.size()) {
      throw unexpected("'+' or the end of the formula");
    }
    return assemble(response, se, trials, pieces);
  }

  private Formula assemble(String response, String se, String trials, List<Piece> pieces) {
    Formula.Intercept intercept = Formula.Intercept.CENTRED;
    boolean zero = false;
    boolean explicitCoefficient = false;
    List<Term> terms = new ArrayList<>();
    List<GroupTerm> groups = new ArrayList<>();
    List<String> offsets = new ArrayList<>();
    for (Piece p : pieces) {
      if (p instanceof InterceptFlag f) {
        if (f.asCoefficient()) {
          explicitCoefficient = true;
        } else {
          zero |= !f.on();
        }
      } else if (p instanceof Offset o) {
        offsets.add(o.column());
      } else if (p instanceof Group g) {
        groups.add(g.term());
      } else {
        for (Term term : ((Terms) p).terms()) {
          if (terms.stream().noneMatch(term::sameAs)) {
            terms.add(term);
          }
        }
      }
    }
    if (explicitCoefficient) {
      if (!zero) {
        throw new FormulaException("'Intercept' as a term needs '0 +' before it (brms' '0 + Intercept + x'); "
            + "otherwise leave it out: the intercept is there by default");
      }
      intercept = Formula.Intercept.COEFFICIENT;
    } else if (zero) {
      intercept = Formula.Intercept.NONE;
    }
    for (Term t : terms) {
      if (t.variables().contains(response)) {
        throw new FormulaException("term '" + t.name() + "' uses the response column '" + response + "' as a predictor");
      }
    }
    if (terms.isEmpty() && groups.isEmpty() && intercept == Formula.Intercept.NONE) {
      throw new FormulaException("formula '" + text + "' has no predictor and no intercept; write 'y ~ 1' for an intercept only");
    }
    return new Formula(text, response, se, trials, intercept, terms, groups, offsets);
  }

  private List<Piece> sum() {
    List<Piece> pieces = new ArrayList<>(product());
    while (accept("+")) {
      pieces.addAll(product());
    }
    return pieces;
  }

  private List<Piece> product() {
    List<Piece> left = inter();
    while (accept("*")) {
      List<Piece> right = inter();
      List<Term> a = termsOf(left, "*");
      List<Term> b = termsOf(right, "*");
      List<Term> all = new ArrayList<>(a);
      all.addAll(b);
      all.addAll(cross(a, b));
      left = List.of(new Terms(all));
    }
    return left;
  }

  private List<Piece> inter() {
    List<Piece> left = atom();
    while (accept(":")) {
      List<Piece> right = atom();
      left = List.of(new Terms(cross(termsOf(left, ":"), termsOf(right, ":"))));
    }
    return left;
  }

  private static List<Term> cross(List<Term> a, List<Term> b) {
    List<Term> out = new ArrayList<>();
    for (Term x : a) {
      for (Term y : b) {
        out.add(x.times(y));
      }
    }
    return out;
  }

  /** The terms of pieces that an operator combines; intercepts, offsets and groups cannot be. */
  private List<Term> termsOf(List<Piece> pieces, String op) {
    List<Term> out = new ArrayList<>();
    for (Piece p : pieces) {
      if (p instanceof Terms t) {
        out.addAll(t.terms());
      } else {
        String what;
        if (p instanceof InterceptFlag f) {
          what = f.asCoefficient() ? "Intercept" : f.on() ? "1" : "0";
        } else if (p instanceof Offset o) {
          what = "offset(" + o.column() + ")";
        } else {
          what = "a group term (... | " + ((Group) p).term().group() + ")";
        }
        throw new FormulaException("'" + op + "' cannot combine " + what + " with other terms in '" + text
            + "'; only columns can be multiplied");
      }
    }
    return out;
  }

  private List<Piece> atom() {
    FormulaLexer.Token t = next("a column name, 0, 1, offset(col) or a group term (1 | g)");
    switch (t.kind()) {
      case NUMBER:
        return switch (t.text()) {
          case "1" -> List.of(new InterceptFlag(true, false));
          case "0" -> List.of(new InterceptFlag(false, false));
          default -> throw new FormulaException("'" + t.text() + "' in '" + text + "': only 0 and 1 may stand as numbers"
              + " (no intercept / intercept)");
        };
      case SYMBOL:
        if (t.text().equals("(")) {
          return List.of(new Group(group()));
        }
        if (t.text().equals("-")) {
          throw new FormulaException("'-' (removing a term) is not supported in '" + text
              + "'; write the formula without the term, and '0 +' for no intercept");
        }
        throw unexpectedAt(t, "a column name, 0, 1, offset(col) or a group term (1 | g)");
      default:
        break;
    }
    String name = t.text();
    if (peekIs("(")) {
      return List.of(function(name));
    }
    if (name.equals("Intercept")) {
      return List.of(new InterceptFlag(true, true));
    }
    return List.of(new Terms(List.of(new Term(List.of(name)))));
  }

  private Piece function(String fn) {
    if (!fn.equals("offset")) {
      String hint = fn.equals("I") ? "; compute the column in the CSV file instead" : "";
      throw new FormulaException("unknown function '" + fn + "(...)' in '" + text + "'; the only function on the right of '~'"
          + " is offset(col)" + hint);
    }
    expect("(", "after offset");
    String col = name("a column inside offset(...)");
    expect(")", "to close offset(" + col);
    return new Offset(col);
  }

  private GroupTerm group() {
    boolean intercept = true;
    List<Term> slopes = new ArrayList<>();
    StringBuilder written = new StringBuilder();
    do {
      FormulaLexer.Token t = next("1, 0 or a column before '|' in a group term");
      written.append(written.length() == 0 ? "" : " + ").append(t.text());
      if (t.kind() == FormulaLexer.Kind.NUMBER && t.text().equals("1")) {
        intercept = true;
      } else if (t.kind() == FormulaLexer.Kind.NUMBER && t.text().equals("0")) {
        intercept = false;
      } else if (t.kind() == FormulaLexer.Kind.NAME) {
        if (peekIs(":") || peekIs("*") || peekIs("(")) {
          throw new FormulaException("group term starting '(" + written + "': only 1, 0 and single columns may vary by group");
        }
        Term s = new Term(List.of(t.text()));
        if (slopes.stream().noneMatch(s::sameAs)) {
          slopes.add(s);
        }
      } else {
        throw unexpectedAt(t, "1, 0 or a column in a group term");
      }
    } while (accept("+"));
    boolean uncorrelated;
    if (accept("||")) {
      uncorrelated = true;
    } else if (accept("|")) {
      uncorrelated = false;
    } else {
      throw unexpected("'|' or '||' and the grouping column in the group term (" + written + " ...)");
    }
    String group = name("the grouping column after '|'");
    if (peekIs(":") || peekIs("/")) {
      throw new FormulaException("group term (" + written + " | " + group + tokens.get(pos).text()
          + " ...): nested or crossed grouping factors are not supported; make one grouping column in the CSV file");
    }
    expect(")", "to close the group term (" + written + " | " + group);
    if (!uncorrelated && !slopes.isEmpty()) {
      throw new FormulaException("group term (" + written + " | " + group + "): correlated varying slopes are not supported"
          + " yet; write (" + written + " || " + group + ") for uncorrelated ones");
    }
    return new GroupTerm(group, intercept, slopes);
  }

  // ---- tokens

  private boolean peekIs(String symbol) {
    return pos < tokens.size() && tokens.get(pos).kind() == FormulaLexer.Kind.SYMBOL && tokens.get(pos).text().equals(symbol);
  }

  private boolean accept(String symbol) {
    if (peekIs(symbol)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String symbol, String why) {
    if (!accept(symbol)) {
      throw unexpected("'" + symbol + "' " + why);
    }
  }

  private FormulaLexer.Token next(String expected) {
    if (pos >= tokens.size()) {
      throw new FormulaException("formula '" + text + "' ends early; expected " + expected);
    }
    return tokens.get(pos++);
  }

  private String name(String expected) {
    FormulaLexer.Token t = next(expected);
    if (t.kind() != FormulaLexer.Kind.NAME) {
      throw unexpectedAt(t, expected);
    }
    return t.text();
  }

  private FormulaException unexpected(String expected) {
    if (pos >= tokens.size()) {
      return new FormulaException("formula '" + text + "' ends early; expected " + expected);
    }
    return unexpectedAt(tokens.get(pos), expected);
  }

  private FormulaException unexpectedAt(FormulaLexer.Token t, String expected) {
    String hint = switch (t.text()) {
      case "-" -> "; '-' (removing a term) is not supported";
      case "/", "%in%" -> "; nesting is not supported";
      case "^" -> "; powers of terms are not supported, write the interactions out";
      default -> "";
    };
    return new FormulaException("formula '" + text + "' at column " + (t.offset() + 1) + ": unexpected '" + t.text()
        + "', expected " + expected + hint);
  }

  private FormulaException error(String message) {
    return new FormulaException("formula '" + text + "': " + message);
  }
}
