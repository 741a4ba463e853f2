import CareCases
import CareCore
import Plot
import Vapor

/// A scrollable, labelled table region (keyboard users can scroll it).
private func tableRegion<C: HTML.BodyContext>(_ label: String, _ table: Node<C>) -> Node<C> {
  .div(
    .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "aria-label", value: label),
    .attribute(named: "tabindex", value: "0"), table)
}

/// Visits a run left out, and why.
private func leftOutTable<C: HTML.BodyContext>(_ visits: [LeftOutVisit], names: [ID<Person>: String], label: String)
  -> Node<C>
{
  tableRegion(
    label,
    .table(
      .caption(.class("visually-hidden"), .text(label)),
      .thead(.tr(.th("Person"), .th("Day"), .th("Time"), .th("Hours"), .th("Why it is left out"))),
      .tbody(
        .forEach(visits) { v in
          .tr(
            .td(.text(names[v.personID] ?? "someone no longer with the co-op")), .td(.text(v.day.longText)),
            .td(.text(CoopCalendar.clockText(v.start))), .td(.text(Minutes(v.minutes).clock)), .td(.text(v.why.words)))
        })))
}

/// The co-op's invoices: a new run (the days, then what it would do), every invoice and credit note, and
/// every run with the visits it left out.
struct InvoicesPage: PageView {
  let layout: Layout
  let model: InvoicesModel
  let state: FormState
  let notice: Notice?

  enum Notice: String {
    case issued
    var words: String { "The run is done: its invoices are below, with the visits it left out." }
  }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1("Invoices"),
      .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0.words)) },
      .p(
        .class("lead"),
        .text(
          "Each funder is invoiced for the visits whose times were confirmed, at the rate of the agreement that "
            + "paid for them. An issued invoice never changes: a credit note undoes it.")),
      runForm, list, contributions, runs)
  }

  var runForm: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "run-title"),
      .h2(.id("run-title"), "Run invoices"),
      .p(.text("You will see what would be issued, and which visits would be left out, before anything is kept.")),
      .form(
        .action(SiteURL.invoiceRuns.path), .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.date("from", legend: "First day of visits", hint: "For example, 1 6 2026", state: state),
        Forms.date(
          "through", legend: "Last day of visits", hint: "For example, 30 6 2026. Not after today.", state: state),
        Forms.submit("See what would be issued")))
  }

  var list: Node<HTML.BodyContext> {
    let table: Node<HTML.BodyContext> = tableRegion(
      "Invoices and credit notes",
      .table(
        .caption(.class("visually-hidden"), "Invoices and credit notes, newest first"),
        .thead(.tr(.th("Number"), .th("To"), .th("Visits of"), .th("Issued"), .th("Total"), .th("Status"))),
        .tbody(.forEach(model.invoices) { row($0) })))
    return .section(
      .attribute(named: "aria-labelledby", value: "list-title"),
      .h2(.id("list-title"), "Invoices and credit notes"),
      model.invoices.isEmpty ? .p("None has been issued yet.") : table)
  }

  func row(_ i: Invoice) -> Node<HTML.TableContext> {
    .tr(
      .td(.a(.href(SiteURL.invoice(.value(i.id)).path), .text(i.reference))),
      .td(.text(i.funderName)), .td(.text("\(i.from.longText) to \(i.through.longText)")),
      .td(.text(CoopCalendar.london.day(of: i.issuedAt).longText)), .td(.text(Pence(i.pence).formatted)),
      .td(.text(status(i))))
  }

  /// The co-op's contribution month by month over the last year, with the year's total.
  var contributions: Node<HTML.BodyContext> {
    let months = model.contributions
    func percents(_ m: ContributionMonth) -> String {
      m.percents.isEmpty ? "–" : m.percents.map { "\($0)%" }.joined(separator: " and ")
    }
    let total = (
      months.reduce(0) { $0 + $1.invoicedPence }, months.reduce(0) { $0 + $1.contributionPence },
      months.reduce(0) { $0 + $1.carePence }
    )
    return .section(
      .attribute(named: "aria-labelledby", value: "contribution-title"),
      .h2(.id("contribution-title"), "The co-op's contribution, month by month"),
      .p(
        .text(
          "What was invoiced for each month's visits (credit notes taken off), the share the co-op keeps to run "
            + "itself at the percent the members decided, and what pays for the care.")),
      tableRegion(
        "The co-op's contribution over the last twelve months",
        .table(
          .caption(.class("visually-hidden"), "The co-op's contribution over the last twelve months, oldest first"),
          .thead(
            .tr(.th("Month"), .th("Invoiced"), .th("Percent"), .th("The co-op's contribution"), .th("For the care"))),
          .tbody(
            .forEach(months) { m in
              .tr(
                .th(.attribute(named: "scope", value: "row"), .text(m.month.monthText)),
                .td(.text(Pence(m.invoicedPence).formatted)), .td(.text(percents(m))),
                .td(.text(Pence(m.contributionPence).formatted)), .td(.text(Pence(m.carePence).formatted)))
            }),
          .tfoot(
            .tr(
              .th(.attribute(named: "scope", value: "row"), "The twelve months"),
              .td(.text(Pence(total.0).formatted)), .td(), .td(.text(Pence(total.1).formatted)),
              .td(.text(Pence(total.2).formatted)))))))
  }

  var runs: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "runs-title"),
      .h2(.id("runs-title"), "Runs"),
      model.runs.isEmpty ? .p("No run yet.") : .ul(.class("plain-list"), .forEach(model.runs) { run($0) }))
  }

  func run(_ run: InvoiceRun) -> Node<HTML.ListContext> {
    let who = model.accountNames[run.ranBy] ?? "someone no longer with the co-op"
    let heading =
      "\(run.period.from.longText) to \(run.period.through.longText), run on "
      + "\(CoopCalendar.london.day(of: run.ranAt).longText) by \(who)"
    let issued =
      run.invoices.isEmpty
      ? "Nothing new to bill." : "Issued " + run.invoices.map(\.reference).joined(separator: ", ") + "."
    let leftOut: Node<HTML.BodyContext> =
      run.leftOut.isEmpty
      ? .p("No visit was left out.")
      : .details(
        .summary(.text("Visits left out (\(run.leftOut.count))")),
        leftOutTable(run.leftOut, names: model.names, label: "Visits this run left out"))
    return .li(.id("run-\(run.id.uuidString.lowercased())"), .h3(.text(heading)), .p(.text(issued)), leftOut)
  }

  func status(_ i: Invoice) -> String {
    if i.series == .credit {
      return "Credit note" + (model.invoices.first { $0.id == i.credits }.map { " for \($0.reference)" } ?? "")
    }
    return model.credited.contains(i.id) ? "Credited" : "Issued"
  }
}

/// What a run would issue and leave out, before the finance hat says yes.
struct InvoiceRunPage: PageView {
  let layout: Layout
  let preview: InvoiceRunPreview

  var body: Node<HTML.BodyContext> {
    let p = preview
    let total = p.drafts.reduce(0) { $0 + $1.pence }
    return .group(
      .h1(.text("Issue invoices for \(p.period.from.longText) to \(p.period.through.longText)?")),
      .p(
        .class("lead"),
        .text(
          p.drafts.isEmpty
            ? "There is nothing new to bill for these days."
            : "\(p.drafts.count == 1 ? "One invoice" : "\(p.drafts.count) invoices"), \(Pence(total).formatted) in all."
        )),
      .if(
        !p.undone.isEmpty,
        .section(
          .class("notice warning"), .attribute(named: "aria-labelledby", value: "undone-title"),
          .h2(.id("undone-title"), "Invoices to credit"),
          .p("These invoices bill visits whose times are no longer confirmed. Credit them, then run again."),
          .ul(
            .forEach(Array(Set(p.undone.map(\.reference))).sorted()) { ref in
              .li(
                .unwrap(p.undone.first { $0.reference == ref }) { u in
                  .a(.href(SiteURL.invoice(.value(u.invoice)).path), .text(ref))
                })
            }))),
      .forEach(p.drafts) { draft in
        .section(
          .h2(.text("To \(draft.funderName) (\(draft.funder.label.lowercased()))")),
          tableRegion(
            "Visits billed to \(draft.funderName)",
            .table(
              .caption(.class("visually-hidden"), .text("Visits billed to \(draft.funderName)")),
              .thead(.tr(.th("Person"), .th("Day"), .th("Hours"), .th("Rate an hour"), .th("Amount"))),
              .tbody(
                .forEach(draft.lines) { line in
                  .tr(
                    .td(.text(p.names[line.personID] ?? "")), .td(.text(line.day.longText)),
                    .td(.text(Minutes(line.minutes).clock)), .td(.text(Pence(line.hourlyPence).formatted)),
                    .td(.text(Pence(line.pence).formatted)))
                }),
              .tfoot(
                .tr(
                  .th(.attribute(named: "scope", value: "row"), "Total"), .td(),
                  .td(.text(Minutes(draft.minutes).clock)),
                  .td(), .td(.text(Pence(draft.pence).formatted)))))))
      },
      .section(
        .attribute(named: "aria-labelledby", value: "left-title"),
        .h2(.id("left-title"), .text("Visits left out (\(p.leftOut.count))")),
        p.leftOut.isEmpty
          ? .p("Every visit of these days is billed.")
          : .group(
            .p("These visits are not billed by this run. They are kept with the run, so none is forgotten."),
            leftOutTable(p.leftOut, names: p.names, label: "Visits left out"))),
      p.drafts.isEmpty
        ? .p(.a(.href(SiteURL.invoices.path), "Go back to the invoices"))
        : .group(
          .form(
            .action(SiteURL.invoiceRuns.path), .method(.post), Forms.csrf(layout.csrf),
            .input(.type(.hidden), .name("from"), .value(p.period.from.iso)),
            .input(.type(.hidden), .name("through"), .value(p.period.through.iso)),
            .input(.type(.hidden), .name("confirm"), .value("yes")),
            Forms.submit(p.drafts.count == 1 ? "Yes, issue the invoice" : "Yes, issue \(p.drafts.count) invoices")),
          .p(.a(.href(SiteURL.invoices.path), "No, go back to the invoices")))
    )
  }
}

/// One invoice or credit note, laid out to print (the site's header, forms and links are not printed).
struct InvoicePage: PageView {
  let layout: Layout
  let model: InvoiceModel
  let state: FormState
  let notice: Bool
  /// Whether this server prints PDFs (Chromium is there): the page then links to its PDF.
  let makesPDFs: Bool

  var body: Node<HTML.BodyContext> {
    let i = model.invoice
    let issued = CoopCalendar.london.day(of: i.issuedAt)
    return .group(
      Forms.errorSummary(state.errors),
      .if(notice, .p(.class("notice"), .attribute(named: "role", value: "status"), "The credit note is issued.")),
      .h1(.text("\(i.series.label) \(i.reference)")),
      .div(
        .class("invoice-parties"),
        .section(
          .attribute(named: "aria-label", value: "From"), .h2("From"), .p(.strong(.text(model.coop.name))),
          .p(.text(model.coop.address)), .p(.text("Registered number \(model.coop.registeredNumber)"))),
        .section(
          .attribute(named: "aria-label", value: "To"), .h2("To"), .p(.strong(.text(i.funderName))),
          .p(.text(i.funder.label)))),
      .dl(
        .class("facts"), .dt("Issued"), .dd(.text(issued.longText)), .dt("Visits of"),
        .dd(.text("\(i.from.longText) to \(i.through.longText)")), .dt("Issued by"), .dd(.text(model.issuedBy))),
      .unwrap(model.credits) { original in
        .p(
          .text("This credit note undoes invoice "),
          .a(.href(SiteURL.invoice(.value(original.id)).path), .text(original.reference)),
          .text(" whole. Why: \(i.reason ?? "")"))
      },
      .unwrap(model.creditNote) { note in
        .p(
          .class("notice warning"), .text("Credited by "),
          .a(.href(SiteURL.invoice(.value(note.id)).path), .text(note.reference)),
          .text(" on \(CoopCalendar.london.day(of: note.issuedAt).longText): \(note.reason ?? "")"))
      },
      tableRegion(
        "Visits on \(i.reference)",
        .table(
          .caption(.text("Visits, at the rate of the agreement that paid for each")),
          .thead(.tr(.th("Person"), .th("Visit day"), .th("Hours"), .th("Rate an hour"), .th("Amount"))),
          .tbody(
            .forEach(i.lines) { line in
              .tr(
                .td(.text(model.name(line.personID))), .td(.text(line.day.longText)),
                .td(.text(Minutes(line.minutes).clock)), .td(.text(Pence(line.hourlyPence).formatted)),
                .td(.text(Pence(line.pence).formatted)))
            }),
          .tfoot(
            .tr(
              .th(.attribute(named: "scope", value: "row"), "Total"), .td(), .td(.text(Minutes(i.minutes).clock)),
              .td(),
              .td(.strong(.text(Pence(i.pence).formatted))))))),
      .p(.text(Invoice.vatNote)),
      .p(
        .class("no-print"),
        .text(
          "For the co-op (not printed): the members' contribution of \(model.contributionPercent)% of "
            + "\(Pence(i.pence).formatted) is \(Pence(model.contributionPence).formatted), kept to run the co-op; "
            + "\(Pence(i.pence - model.contributionPence).formatted) pays for the care. "),
        .a(.href(SiteURL.settings.path), "The co-op's settings")),
      .p(
        .class("no-print"),
        .a(
          .href(SiteURL.invoiceCSV(.value(i.id)).path), .attribute(named: "download", value: "\(i.reference).csv"),
          .text("Download \(i.reference) as CSV (for a funder's portal)"))
      ),
      .if(
        makesPDFs,
        .p(
          .class("no-print"),
          .a(
            .href(SiteURL.invoicePDF(.value(i.id)).path),
            .attribute(named: "download", value: "\(i.reference).pdf"),
            .text("Download \(i.reference) as a PDF (to send or keep)")))),
      .p(.class("no-print hint"), "To print it, use your browser's Print: the site's menus are left off the paper."),
      .if(
        i.series == .invoice && model.creditNote == nil,
        .section(
          .class("no-print"), .attribute(named: "aria-labelledby", value: "credit-title"),
          .h2(.id("credit-title"), "Credit this invoice"),
          .p(
            .text(
              "A credit note for \(Pence(-i.pence).formatted) undoes the whole invoice. Its visits are billed again "
                + "by the next run if their times still stand.")),
          .form(
            .action(SiteURL.invoiceCredit(.value(i.id)).path), .method(.post), .attribute(named: "novalidate"),
            Forms.csrf(layout.csrf),
            Forms.textarea(
              "reason", label: "Why is it credited?", hint: "The funder sees this on the credit note.", state: state),
            Forms.submit("Issue a credit note"))))
    )
  }
}
