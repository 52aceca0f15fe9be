using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace RevenueCycle.Coding.Suggestion;

/// <summary>What a token is: a word (letters, possibly with digits), a number or a punctuation mark.</summary>
internal enum TokenKind : byte
{
    Word,
    Number,
    Punct,
}

/// <summary>
/// One token of the input with its character span in the original text. <see cref="Lower"/> is the folded surface form
/// (lower case, diacritics and compatibility forms removed); <see cref="Sentence"/> numbers the sentences of the text.
/// </summary>
internal readonly record struct Token(int Start, int Length, string Lower, TokenKind Kind, int Sentence, bool Upper)
{
    public int End => Start + Length;
}

/// <summary>
/// Tokenizer and normaliser shared by the code index, the note side and the context detector, so both sides of every
/// comparison see the same forms. It folds case, diacritics, ligatures, full-width forms and odd white space by table
/// because the platform runs with invariant globalization, where <see cref="string.Normalize()"/> is a no-op.
/// </summary>
internal static class TextNormalizer
{
    // Decomposition of Latin-1 Supplement and Latin Extended-A letters (U+00C0..U+017F) to their base letters.
    private const string LatinFold =
        "aaaaaaaceeeeiiiidnooooo\0ouuuuyts" + // U+00C0..U+00DF (× kept as punctuation, þ -> t, ß handled below)
        "aaaaaaaceeeeiiiidnooooo\0ouuuuyty" + // U+00E0..U+00FF
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"; // U+0100..U+017F

    /// <summary>Splits <paramref name="text"/> into tokens with sentence numbers. Never throws on odd Unicode.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(Math.Min(text.Length / 4 + 4, 1 << 16));
        var sb = new StringBuilder(32);
        var sentence = 0;
        var i = 0;
        var n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (IsWordChar(c))
            {
                var start = i;
                sb.Clear();
                var hasLetter = false;
                var hasLower = false;
                while (i < n)
                {
                    c = text[i];
                    if (IsWordChar(c))
                    {
                        if (char.IsLetter(c))
                        {
                            hasLetter = true;
                            hasLower |= char.IsLower(c);
                        }

                        Fold(c, sb);
                        i++;
                    }
                    else if (IsApostrophe(c) && i + 1 < n && char.IsLetter(text[i + 1]) && sb.Length > 0)
                    {
                        // Joins contractions and possessives ("doesn't", "Crohn's") into one word.
                        i++;
                    }
                    else if (IsIgnorable(c))
                    {
                        i++;
                    }
                    else if (c == '.' && !hasLetter && i + 1 < n && char.IsDigit(text[i + 1]))
                    {
                        // Decimal number such as 1.5.
                        sb.Append('.');
                        i++;
                    }
                    else if (c == '/' && sb.Length == 1 && i + 1 < n && char.IsLetter(text[i + 1])
                        && (i + 2 >= n || !char.IsLetterOrDigit(text[i + 2])))
                    {
                        // Clinical shorthand such as h/o, r/o, s/p, w/o, c/o stays one word.
                        sb.Append('/');
                        Fold(text[i + 1], sb);
                        i += 2;
                        hasLetter = true;
                        break;
                    }
                    else
                    {
                        break;
                    }
                }

                // Trailing combining marks or ignorables are already skipped; trim what is left of the span.
                var end = i;
                while (end > start && IsIgnorable(text[end - 1]))
                {
                    end--;
                }

                if (sb.Length > 0)
                {
                    var lower = sb.ToString();
                    var kind = hasLetter ? TokenKind.Word : TokenKind.Number;
                    tokens.Add(new Token(start, end - start, lower, kind, sentence, hasLetter && !hasLower && sb.Length > 1));
                }

                continue;
            }

            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029')
            {
                // A line break ends a sentence unless the next line continues it in lower case (wrapped prose).
                var j = i + 1;
                var blank = false;
                while (j < n && (char.IsWhiteSpace(text[j]) || IsIgnorable(text[j])))
                {
                    blank |= text[j] == '\n' && (text[i] != '\r' || j > i + 1);
                    j++;
                }

                if (blank || j >= n || !char.IsLower(text[j]))
                {
                    if (tokens.Count > 0 && tokens[^1].Sentence == sentence)
                    {
                        sentence++;
                    }
                }

                i = j;
                continue;
            }

            if (char.IsWhiteSpace(c) || IsIgnorable(c))
            {
                i++;
                continue;
            }

            var p = PunctOf(c);
            tokens.Add(new Token(i, 1, p, TokenKind.Punct, sentence, false));
            if (EndsSentence(text, i, tokens))
            {
                sentence++;
            }

            i++;
        }

        return tokens;
    }

    /// <summary>Lower-case, folded words of <paramref name="text"/> only (no punctuation), for trigger and term tables.</summary>
    public static string[] Words(string text) =>
        Tokenize(text).Where(t => t.Kind != TokenKind.Punct).Select(t => t.Lower).ToArray();

    /// <summary>
    /// Light stemming plus British-to-American spelling: plural, -ed, -ing and a final e are stripped so that
    /// "fractures", "fractured" and "fracture" meet, and condition adjectives take their noun's form ("necrotic" as
    /// "necrosis"). Both the index and the note use it, so consistency matters more than linguistic accuracy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Stem(string w)
    {
        if (w.Length <= 3 || !char.IsLetter(w[0]))
        {
            return w;
        }

        w = AmericanSpelling(w);
        var s = w;
        if (s.EndsWith("ies", StringComparison.Ordinal) && s.Length > 4)
        {
            s = s[..^3] + "y";
        }
        else if (s.EndsWith("sses", StringComparison.Ordinal))
        {
            s = s[..^2];
        }
        else if (s.EndsWith('s') && !s.EndsWith("ss", StringComparison.Ordinal) && !s.EndsWith("us", StringComparison.Ordinal)
            && !s.EndsWith("is", StringComparison.Ordinal) && !s.EndsWith("ys", StringComparison.Ordinal) && s.Length > 3)
        {
            s = s[..^1];
        }

        if (s.Length > 5 && s.EndsWith("ing", StringComparison.Ordinal) && HasVowel(s, s.Length - 3))
        {
            s = Undouble(s[..^3]);
        }
        else if (s.Length > 4 && s.EndsWith("ed", StringComparison.Ordinal) && !s.EndsWith("eed", StringComparison.Ordinal)
            && HasVowel(s, s.Length - 2))
        {
            s = Undouble(s[..^2]);
        }

        if (s.Length > 4 && s.EndsWith('e') && !s.EndsWith("ee", StringComparison.Ordinal))
        {
            s = s[..^1];
        }

        // Adjectives of conditions meet their nouns: necrotic/necrosis, anemic/anemia, arthritic/arthritis, myopic/myopia.
        if (s.Length > 6)
        {
            if (s.EndsWith("otic", StringComparison.Ordinal))
            {
                s = s[..^4] + "osis";
            }
            else if (s.EndsWith("emic", StringComparison.Ordinal))
            {
                s = s[..^4] + "emia";
            }
            else if (s.EndsWith("itic", StringComparison.Ordinal))
            {
                s = s[..^4] + "itis";
            }
            else if (s.EndsWith("pic", StringComparison.Ordinal) || s.EndsWith("xic", StringComparison.Ordinal))
            {
                s = s[..^2] + "ia";
            }
        }

        return s;
    }

    private static bool HasVowel(string s, int len)
    {
        for (var i = 0; i < len; i++)
        {
            if ("aeiouy".Contains(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Undouble(string s) =>
        s.Length > 3 && s[^1] == s[^2] && !"lsz".Contains(s[^1]) && !"aeiou".Contains(s[^1]) ? s[..^1] : s;

    private static readonly (string From, string To)[] SpellingFixes =
    [
        ("aemia", "emia"), ("haem", "hem"), ("oesoph", "esoph"), ("oedem", "edem"), ("ischaem", "ischem"), ("paed", "ped"),
        ("foet", "fet"), ("tumour", "tumor"), ("faec", "fec"), ("rrhoea", "rrhea"), ("oestr", "estr"), ("gynaec", "gynec"),
        ("leukaem", "leukem"), ("anaesth", "anesth"), ("coeli", "celi"), ("haemat", "hemat"), ("behaviour", "behavior"),
        ("colour", "color"), ("sulph", "sulf"), ("aetiol", "etiol"), ("hypoaesth", "hypoesth"), ("paraesth", "paresth"),
    ];

    private static string AmericanSpelling(string w)
    {
        if (w.IndexOf("ae", StringComparison.Ordinal) < 0 && w.IndexOf("oe", StringComparison.Ordinal) < 0
            && w.IndexOf("our", StringComparison.Ordinal) < 0 && w.IndexOf("sulph", StringComparison.Ordinal) < 0)
        {
            return w;
        }

        foreach (var (from, to) in SpellingFixes)
        {
            if (w.Contains(from, StringComparison.Ordinal))
            {
                w = w.Replace(from, to, StringComparison.Ordinal);
            }
        }

        return w;
    }

    private static bool IsWordChar(char c)
    {
        if (c < 128)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }

        if (c >= '\uFF10' && c <= '\uFF5A')
        {
            // Full-width digits and letters.
            return char.IsLetterOrDigit(c);
        }

        return char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '`';

    /// <summary>Zero-width and formatting characters that must neither split nor appear in words.</summary>
    private static bool IsIgnorable(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD'
        || (c > 127 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fold(char c, StringBuilder sb)
    {
        if (c < 128)
        {
            sb.Append(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
            return;
        }

        if (c >= '\uFF10' && c <= '\uFF5A')
        {
            Fold((char)(c - 0xFEE0), sb);
            return;
        }

        if (c >= '\u00C0' && c <= '\u017F')
        {
            switch (c)
            {
                case '\u00DF':
                    sb.Append("ss");
                    return;
                case '\u00C6' or '\u00E6':
                    sb.Append("ae");
                    return;
                case '\u0152' or '\u0153':
                    sb.Append("oe");
                    return;
            }

            var f = LatinFold[c - 0xC0];
            if (f != '\0')
            {
                sb.Append(f);
            }

            return;
        }

        switch (c)
        {
            case '\uFB00':
                sb.Append("ff");
                return;
            case '\uFB01':
                sb.Append("fi");
                return;
            case '\uFB02':
                sb.Append("fl");
                return;
            case '\uFB03':
                sb.Append("ffi");
                return;
            case '\uFB04':
                sb.Append("ffl");
                return;
            case '\u03B1' or '\u0391':
                sb.Append("alpha");
                return;
            case '\u03B2' or '\u0392':
                sb.Append("beta");
                return;
            case '\u03B3' or '\u0393':
                sb.Append("gamma");
                return;
            case '\u03B4' or '\u0394':
                sb.Append("delta");
                return;
        }

        if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark)
        {
            return;
        }

        if (char.IsDigit(c))
        {
            var d = CharUnicodeInfo.GetDecimalDigitValue(c);
            sb.Append(d >= 0 ? (char)('0' + d) : c);
            return;
        }

        if (char.IsSurrogate(c))
        {
            return;
        }

        sb.Append(char.ToLowerInvariant(c));
    }

    private static string PunctOf(char c) => c switch
    {
        '.' or '\u3002' or '\uFF0E' or '\u2026' => ".",
        ',' or '\uFF0C' or '\u3001' => ",",
        ';' or '\uFF1B' => ";",
        ':' or '\uFF1A' => ":",
        '?' or '\uFF1F' => "?",
        '!' or '\uFF01' => "!",
        '(' or '[' or '{' or '\uFF08' => "(",
        ')' or ']' or '}' or '\uFF09' => ")",
        '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => "-",
        '/' or '\\' => "/",
        '+' => "+",
        _ => "*",
    };

    private static bool EndsSentence(string text, int i, List<Token> tokens)
    {
        var c = text[i];
        if (c is '?' or '!' or ';' or '\u3002')
        {
            return true;
        }

        if (c != '.' && c != '\uFF0E')
        {
            return false;
        }

        if (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && text[i + 1] != '"' && text[i + 1] != ')')
        {
            return false;
        }

        // Titles and common abbreviations do not end a sentence.
        if (tokens.Count >= 2 && tokens[^2].Kind == TokenKind.Word && tokens[^2].End == i)
        {
            var w = tokens[^2].Lower;
            if (w is "dr" or "mr" or "mrs" or "ms" or "vs" or "eg" or "ie" or "approx" or "st" or "fig" or "pt" || (w.Length == 1 && !char.IsDigit(w[0])))
            {
                return false;
            }
        }

        return true;
    }
}
