using ChatBot.Core.Corpus;

namespace ChatBot.Core.Tests.Corpus;

/// <summary>How table rows read as text, whatever the format, and how that text is read back into cells.</summary>
public class TableRowTests
{
    [Fact]
    public void A_two_column_table_without_column_names_reads_as_label_value_fields()
    {
        var doc = Ingest.Read("facts.md", "# Ferry facts\n\n## In numbers\n\n| | |\n|---|---|\n| Vessels in service | 12, of which 3 electric |\n| Crossings a day | 140 |\n");
        Assert.Equal(["Vessels in service: 12, of which 3 electric", "Crossings a day: 140"], Ingest.Of(doc, BlockKind.TableRow));
    }

    [Fact]
    public void Html_rows_of_a_label_cell_and_a_value_cell_read_as_fields_too()
    {
        const string page = "<html><head><title>Ferry facts</title></head><body><main><h1>Ferry facts</h1>"
            + "<p>The ferry company runs the crossings of the estuary all year round, in every weather the harbour allows.</p>"
            + "<table><tr><th>Vessels in service</th><td>12</td></tr><tr><th>Crossings a day</th><td>140</td></tr></table></main></body></html>";
        var doc = Ingest.Read("facts.html", page);
        Assert.Equal(["Vessels in service: 12", "Crossings a day: 140"], Ingest.Of(doc, BlockKind.TableRow));
    }

    [Fact]
    public void A_table_with_column_names_keeps_them_on_every_cell()
    {
        var doc = Ingest.Read("fares.md", "# Fares\n\n| Ticket | Adult | Senior |\n|---|---|---|\n| Day ticket | $6.00 | $3.00 |\n");
        Assert.Equal(["Ticket: Day ticket; Adult: $6.00; Senior: $3.00"], Ingest.Of(doc, BlockKind.TableRow));
    }

    [Fact]
    public void A_row_reads_back_as_its_cells_with_a_semicolon_inside_a_value_kept_in_it()
    {
        const string row = "Setting: net.port; Default: 7000; Notes: Used in links; required for email";
        var cells = TableText.Cells(row);
        Assert.Equal(["Setting", "Default", "Notes"], cells.Select(c => c.Column));
        Assert.Equal(["net.port", "7000", "Used in links; required for email"], cells.Select(c => row[c.ValueStart..c.ValueEnd]));
    }
}
