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
    public void A_definition_list_term_ending_in_a_colon_is_joined_to_its_value_by_one()
    {
        const string page = "<html><head><title>Ferry notice</title></head><body><main><h1>Ferry notice</h1>"
            + "<p>The ferry company has withdrawn one of its vessels from the estuary crossing for repairs this week.</p>"
            + "<dl><dt>Notice number:</dt><dd>25-031</dd><dt>Vessel</dt><dd>Marsh Wren</dd></dl></main></body></html>";
        var doc = Ingest.Read("notice.html", page);
        Assert.Equal(["Notice number: 25-031", "Vessel: Marsh Wren"], Ingest.Of(doc, BlockKind.ListItem));
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

    [Fact]
    public void Columns_aligned_with_spaces_in_plain_text_are_a_table_with_its_header()
    {
        const string text = "Ferry timetable\n\nBoats run all year.\n\nRoute        Weekdays         Sundays\n-----------  ---------------  ---------\nNorth pier   every 10 min     every 30 min\nSouth pier   every 20 min     no service\n\nTimes may change in storms.\n";
        var doc = Ingest.Read("timetable.txt", text);
        Assert.Equal(["Route: North pier; Weekdays: every 10 min; Sundays: every 30 min", "Route: South pier; Weekdays: every 20 min; Sundays: no service"],
            Ingest.Of(doc, BlockKind.TableRow));
        Assert.Contains("Times may change in storms.", Ingest.Of(doc, BlockKind.Paragraph));
    }

    [Fact]
    public void Aligned_label_value_lines_without_a_header_read_as_fields()
    {
        const string text = "Ferry facts\n\nThe company keeps these figures up to date every spring.\n\nVessels in service    12\nCrossings a day       140\nStaff                 86\n";
        var doc = Ingest.Read("facts.txt", text);
        Assert.Equal(["Vessels in service: 12", "Crossings a day: 140", "Staff: 86"], Ingest.Of(doc, BlockKind.TableRow));
    }

    [Fact]
    public void Prose_with_two_spaces_after_its_full_stops_is_no_table()
    {
        const string text = "Ferry news\n\nThe north pier reopens on Monday.  Boats will run every ten minutes again.\nThe south pier stays closed.  Repairs there take until May.\nThe company thanked riders.  It apologised for the delays.\n";
        var doc = Ingest.Read("news.txt", text);
        Assert.Empty(Ingest.Of(doc, BlockKind.TableRow));
    }
}
