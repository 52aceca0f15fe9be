using System.Xml;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Icd10Cm;

/// <summary>
/// Reads the Tabular List's instructional notes from the official XML (<c>icd10cm_tabular_2021.xml</c>: chapter,
/// section, nested diag elements with excludes1, inclusionTerm, sevenChrDef ... notes) or from the flattened CSV
/// (<c>code_or_block,note_type,note_text</c>).
/// </summary>
public static class TabularNotesReader
{
    private static readonly HashSet<string> NoteKinds =
    [
        "excludes1", "excludes2", "inclusionTerm", "includes", "useAdditionalCode", "codeFirst", "codeAlso", "sevenChrNote", "notes",
    ];

    public static TabularNotes Read(string path, string version)
    {
        var name = Path.GetFileName(path);
        return path.Contains(".xml", StringComparison.OrdinalIgnoreCase)
            ? ReadXml(CsvFile.OpenText(path), name, version)
            : ReadCsv(CsvFile.Open(path), version);
    }

    public static TabularNotes ReadCsv(CsvFile csv, string version)
    {
        using (csv)
        {
            var owner = csv.Column("code_or_block");
            var kind = csv.Column("note_type");
            var text = csv.Column("note_text");
            var notes = new List<(string, TabularNote)>(30_000);
            foreach (var (line, row) in csv.Rows())
            {
                if (row[owner].Trim().Length == 0 || row[kind].Trim().Length == 0)
                {
                    throw csv.Error(line, "code_or_block and note_type are required");
                }

                notes.Add((row[owner].Trim(), Note(row[kind].Trim(), row[text])));
            }

            return new TabularNotes(version, notes);
        }
    }

    public static TabularNotes ReadXml(TextReader text, string name, string version)
    {
        var notes = new List<(string, TabularNote)>(30_000);
        var owners = new Stack<string>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true, IgnoreComments = true };
        using var xml = XmlReader.Create(text, settings);
        var lineInfo = (IXmlLineInfo)xml;
        try
        {
            string? pendingKind = null;
            var advance = true;
            while (!xml.EOF)
            {
                // ReadElementContentAsString leaves the reader on the next node already: do not skip it.
                if (advance && !xml.Read())
                {
                    break;
                }

                advance = true;
                if (xml.NodeType == XmlNodeType.Element)
                {
                    switch (xml.Name)
                    {
                        case "diag":
                        case "section":
                            owners.Push("");
                            if (xml.Name == "section" && xml.GetAttribute("id") is { } block)
                            {
                                owners.Pop();
                                owners.Push("Block " + block);
                            }

                            if (xml.IsEmptyElement)
                            {
                                owners.Pop();
                            }

                            break;
                        case "name" when owners.Count > 0 && owners.Peek().Length == 0:
                            owners.Pop();
                            owners.Push(xml.ReadElementContentAsString().Trim());
                            advance = false;
                            break;
                        case "sevenChrDef":
                            pendingKind = "sevenChrDef";
                            break;
                        case "extension" when pendingKind == "sevenChrDef" && owners.Count > 0:
                            var character = xml.GetAttribute("char") ?? "";
                            var meaning = xml.ReadElementContentAsString().Trim();
                            notes.Add((owners.Peek(), Note("sevenChrDef", $"{character}={meaning}")));
                            advance = false;
                            break;
                        default:
                            if (NoteKinds.Contains(xml.Name))
                            {
                                pendingKind = xml.Name;
                            }
                            else if (xml.Name == "note" && pendingKind is not null && owners.Count > 0)
                            {
                                notes.Add((owners.Peek(), Note(pendingKind, xml.ReadElementContentAsString())));
                                advance = false;
                            }

                            break;
                    }
                }
                else if (xml.NodeType == XmlNodeType.EndElement)
                {
                    if (xml.Name is "diag" or "section" && owners.Count > 0)
                    {
                        owners.Pop();
                    }
                    else if (NoteKinds.Contains(xml.Name) || xml.Name == "sevenChrDef")
                    {
                        pendingKind = null;
                    }
                }
            }
        }
        catch (XmlException e)
        {
            throw new ReferenceDataException(name, e.LineNumber, e.Message);
        }
        finally
        {
            text.Dispose();
        }

        if (notes.Count == 0)
        {
            throw new ReferenceDataException(name, lineInfo.LineNumber, "no tabular notes found: is this an ICD-10-CM tabular XML file?");
        }

        return new TabularNotes(version, notes);
    }

    private static TabularNote Note(string kind, string text) =>
        new(kind, text.Trim(), kind is "excludes1" or "excludes2" or "codeFirst" or "useAdditionalCode" or "codeAlso" ? TabularNotes.ParseNoteReferences(text) : []);
}
