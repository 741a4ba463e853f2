import CareCore
import CareLedger
import CareTestSupport
import Foundation
import SQLKit
import Testing

@testable import CareCases
@testable import CareStore

/// Invoices on both engines: the finance hat's run bills each funder the confirmed visits its agreements
/// paid for, at their rates; every visit of the days is either on a line or listed as left out; numbers run
/// without gaps; an issued invoice never changes (a credit note undoes it, and the visits are billed again);
/// racing runs bill each visit once.
@Suite("Use cases: invoices")
struct InvoiceCasesTests {
  static func finance(_ w: CasesWorld, _ demo: DemoCoop) async throws -> Requester {
    let hats = try await w.store.hats(coop: demo.coop.id)
    let holder = try #require(hats.first { $0.hat.kind == .finance }?.current(on: w.cases.today).first?.1)
    return try await w.cases.requester(for: holder)
  }

  @Test(arguments: Engine.allCases)
  func aRunBillsConfirmedVisitsOnceAndListsTheRest(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let demo = x.demo.demo
      let finance = try await Self.finance(w, demo)
      let monday = CoopCalendar.london.weekStart(of: w.cases.today)
      let today = w.cases.today
      // Only the finance hat runs invoices; the days are checked.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.previewInvoices(from: monday, through: today, by: x.person)
      }
      await #expect(
        throws: CareError.invalid([
          FieldError("through", "The last day cannot be after today: only visits that happened are counted")
        ])
      ) {
        try await w.cases.previewInvoices(from: monday, through: today.adding(days: 1), by: finance)
      }
      // The worker confirms the visit's times (five minutes short), the person agrees.
      try await w.cases.confirmTimes(
        x.visit.id, start: CoopCalendar.clockText(x.visit.start + 5), end: CoopCalendar.clockText(x.visit.end),
        by: x.worker)
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      let minutes = x.visit.length - 5
      let preview = try await w.cases.previewInvoices(from: monday, through: today, by: finance)
      #expect(preview.drafts.count == 1)
      let draft = try #require(preview.drafts.first)
      #expect((draft.funder, draft.funderName) == (.localAuthority, "Leeds City Council"))
      #expect(draft.lines.map(\.visitKey) == [x.visit.key])
      #expect((draft.minutes, draft.pence) == (minutes, Charge.pence(minutes: minutes, hourlyPence: 2_450)))
      // Every visit of the days is billed or left out, never both, never neither.
      let visits = try await w.store.visitFactsForHours(person: demo.person.id, from: monday, through: today).visits
        .filter { $0.slot == 0 }
      #expect(visits.count > 1)
      // (The other people of the demo co-op have visits too: none of theirs is confirmed.)
      #expect(preview.leftOut.allSatisfy { $0.why == .notConfirmed })
      let theirs = preview.leftOut.filter { $0.personID == demo.person.id }
      #expect(theirs.count + 1 == visits.count)
      #expect(Set(theirs.map(\.visitKey)) == Set(visits.map(\.key)).subtracting([x.visit.key]))
      #expect(Set(preview.leftOut.map(\.personID)).count > 1)
      // Issued: numbered INV-00001, exactly the preview's lines, the left-out visits kept with the run.
      let (run, replayed) = try await w.cases.issueInvoices(from: monday, through: today, by: finance)
      #expect(!replayed)
      let invoice = try #require(run.invoices.first)
      #expect(run.invoices.count == 1 && invoice.reference == "INV-00001")
      #expect(invoice.lines == draft.lines && invoice.pence == draft.pence)
      #expect(run.leftOut == preview.leftOut)
      // A second run over the same days finds nothing more to bill.
      let again = try await w.cases.issueInvoices(from: monday, through: today, by: finance).run
      #expect(again.invoices.isEmpty && again.leftOut == preview.leftOut)
      // Issued invoices never change: the database itself refuses.
      let sql = w.store.db as! any SQLDatabase
      await #expect(throws: (any Error).self) { try await sql.raw("UPDATE invoice_lines SET pence = 0").run() }
      await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM invoices").run() }
      // The person later says the times were wrong: the use is undone, and the run says to credit INV-00001.
      try await w.cases.answerTimes(x.visit.id, agree: false, reason: "They left early", by: x.person)
      let undone = try await w.cases.previewInvoices(from: monday, through: today, by: finance)
      #expect(undone.undone.map(\.reference) == ["INV-00001"] && undone.drafts.isEmpty)
      #expect(undone.leftOut.first { $0.visitKey == x.visit.key }?.why == .disputed)
      // A credit note undoes the whole invoice, once, with a reason.
      await #expect(throws: CareError.invalid("reason", "Enter why the invoice is credited")) {
        try await w.cases.creditInvoice(invoice.id, reason: "  ", by: finance)
      }
      let note = try await w.cases.creditInvoice(invoice.id, reason: "Times disputed by the person", by: finance)
      #expect(note.reference == "CN-00001" && note.pence == -invoice.pence && note.credits == invoice.id)
      await #expect(throws: CareError.conflict(FieldError("reason", "This invoice has been credited already"))) {
        try await w.cases.creditInvoice(invoice.id, reason: "Again", by: finance)
      }
      // Sorted out, the visit is used again and the next run bills it on INV-00002.
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      let next = try await w.cases.issueInvoices(from: monday, through: today, by: finance).run
      #expect(next.invoices.map(\.reference) == ["INV-00002"])
      #expect(next.invoices.first?.lines.map(\.visitKey) == [x.visit.key])
      let model = try await w.cases.invoices(by: finance)
      #expect(model.invoices.map(\.reference).sorted() == ["CN-00001", "INV-00001", "INV-00002"])
      #expect(model.credited == [invoice.id])
      #expect(model.runs.count == 4)
      let page = try await w.cases.invoice(invoice.id, by: finance)
      #expect(page.creditNote?.id == note.id && page.name(demo.person.id) == demo.personAccount.name)
      #expect(page.csv.hasPrefix("Invoice,Issued,Funder,Person,Visit day,Minutes,Hours"))
      let log = try await w.store.auditEvents(coop: demo.coop.id)
      #expect(log.filter { $0.action == .issueInvoices }.count == 3)
      #expect(log.contains { $0.action == .creditInvoice && $0.detail.contains("CN-00001 credits INV-00001") })
    }
  }

  /// Eight runs over the same days at once: each confirmed visit is billed once, the numbers run 1, 2, …
  /// without a gap, and the other runs issue nothing.
  @Test(arguments: Engine.allCases)
  func racingRunsBillEachVisitOnce(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let finance = try await Self.finance(w, x.demo.demo)
      try await w.cases.confirmTimes(
        x.visit.id, start: CoopCalendar.clockText(x.visit.start), end: CoopCalendar.clockText(x.visit.end),
        by: x.worker)
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      let monday = CoopCalendar.london.weekStart(of: w.cases.today)
      let today = w.cases.today
      let runs = try await withThrowingTaskGroup(of: InvoiceRun.self) { group in
        for _ in 0..<8 {
          group.addTask { try await w.cases.issueInvoices(from: monday, through: today, by: finance).run }
        }
        return try await group.reduce(into: [InvoiceRun]()) { $0.append($1) }
      }
      let issued = runs.flatMap(\.invoices)
      #expect(issued.map(\.reference) == ["INV-00001"])
      #expect(issued.flatMap(\.lines).map(\.visitKey) == [x.visit.key])
    }
  }

  /// A run sent again with its key answers as the first time; the key with other days is refused.
  @Test(arguments: Engine.allCases)
  func aRunSentAgainWithItsKeyIsTheFirstRun(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await RecordCasesTests.world(w)
      let finance = try await Self.finance(w, x.demo.demo)
      try await w.cases.confirmTimes(
        x.visit.id, start: CoopCalendar.clockText(x.visit.start), end: CoopCalendar.clockText(x.visit.end),
        by: x.worker)
      try await w.cases.answerTimes(x.visit.id, agree: true, reason: "", by: x.person)
      let monday = CoopCalendar.london.weekStart(of: w.cases.today)
      let today = w.cases.today
      let first = try await w.cases.issueInvoices(from: monday, through: today, key: "run-1", by: finance)
      let again = try await w.cases.issueInvoices(from: monday, through: today, key: "run-1", by: finance)
      #expect(!first.replayed && again.replayed)
      #expect(again.run.id == first.run.id && again.run.invoices.map(\.id) == first.run.invoices.map(\.id))
      await #expect(
        throws: CareError.invalid("Idempotency-Key", "This key was sent before with a different request")
      ) {
        try await w.cases.issueInvoices(from: monday.adding(days: 1), through: today, key: "run-1", by: finance)
      }
    }
  }

  @Test func theCSVIsWhatASpreadsheetReadsSafely() {
    #expect(InvoiceModel.pounds(123_450) == "1234.50" && InvoiceModel.pounds(-1_205) == "-12.05")
    #expect(InvoiceModel.pounds(7) == "0.07")
    #expect(InvoiceModel.hours(90) == "1.50" && InvoiceModel.hours(55) == "0.92" && InvoiceModel.hours(-45) == "-0.75")
    #expect(InvoiceModel.field("Leeds, City") == "\"Leeds, City\"")
    #expect(InvoiceModel.field("Say \"hi\"") == "\"Say \"\"hi\"\"\"")
    #expect(InvoiceModel.field("=SUM(A1)") == "'=SUM(A1)" && InvoiceModel.field("-12.05") == "-12.05")
  }
}
