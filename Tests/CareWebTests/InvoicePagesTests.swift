import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Invoices through the real server, on both engines: the finance hat runs them in two steps (what would
/// be issued and left out, then yes), reads the invoice laid out to print with the VAT note, downloads its
/// CSV, credits it with a reason; the API's run takes an Idempotency-Key.
@Suite("Pages: invoices")
struct InvoicePagesTests {
  /// The demo with a funding agreement (Leeds, £24.50 an hour) and one visit's times agreed today: one
  /// hour to invoice. The finance hat's account.
  static func oneHourToInvoice(_ t: TestApp) async throws -> (DemoCoop, Account) {
    let (demo, _) = try await t.seedDemo()
    let cases = t.app.care.cases
    let today = CoopCalendar.london.day(of: t.clock.env.now())
    let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
    let visit = try await AccessMatrixTests.publishedVisit(t, demo, circle: team.circle.id)
    let hats = try await t.store.hats(coop: demo.coop.id)
    let holder = try #require(hats.first { $0.hat.kind == .finance }?.current(on: today).first?.1)
    try await cases.recordFunding(
      FundingTerms(
        funder: .localAuthority, funderName: "Leeds City Council", minutesPerPeriod: 600, period: .week,
        starts: CoopCalendar.london.weekStart(of: today), ratePence: 2_450, bankLimitMinutes: nil, bankWeeks: 4),
      person: demo.person.id, by: try await t.store.actor(for: holder, on: today))
    try await cases.confirmTimes(
      visit, start: "09:00", end: "10:00", by: try await t.store.actor(for: demo.teamWorker, on: today))
    try await cases.answerTimes(
      visit, agree: true, reason: "", by: try await t.store.actor(for: demo.personAccount, on: today))
    return (demo, holder)
  }

  @Test(arguments: Engine.allCases)
  func theFinanceHatRunsChecksAndCreditsInvoices(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, holder) = try await Self.oneHourToInvoice(t)
      let today = CoopCalendar.london.day(of: t.clock.env.now())
      let finance = try await t.session(for: holder)
      let list = try await t.send(.GET, "/invoices", session: finance)
      #expect(
        list.status == .ok && list.text.contains("Run invoices") && list.text.contains("None has been issued yet."))
      // A last day after today: the summary says so, nothing kept.
      let parts = today.iso.split(separator: "-").map(String.init)
      let tomorrow = today.adding(days: 1).iso.split(separator: "-").map(String.init)
      var form = [
        "from-day": parts[2], "from-month": parts[1], "from-year": parts[0], "through-day": tomorrow[2],
        "through-month": tomorrow[1], "through-year": tomorrow[0],
      ]
      let bad = try await t.send(.POST, "/invoice-runs", session: finance, form: form)
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains(##"<a href="#through">The last day cannot be after today"##))
      // Step one: what would be issued (one hour at £24.50 to Leeds), and the visits left out.
      (form["through-day"], form["through-month"], form["through-year"]) = (parts[2], parts[1], parts[0])
      let preview = try await t.send(.POST, "/invoice-runs", session: finance, form: form)
      #expect(preview.status == .ok && preview.text.contains("To Leeds City Council (local authority)"))
      #expect(preview.text.contains("<td>£24.50</td>") && preview.text.contains("Yes, issue the invoice"))
      #expect(try await t.send(.GET, "/invoices", session: finance).text.contains("None has been issued yet."))
      // Step two: issued, numbered INV-00001.
      let yes = ["from": today.iso, "through": today.iso, "confirm": "yes"]
      #expect(try await t.send(.POST, "/invoice-runs", session: finance, form: yes).status == .seeOther)
      let issued = try await t.send(.GET, "/invoices", session: finance).text
      #expect(issued.contains(">INV-00001</a>"))
      let link = try #require(
        issued.range(of: #"/invoices/[0-9a-fA-F-]{36}""#, options: .regularExpression).map {
          String(issued[$0].dropLast())
        })
      let invoice = try await t.send(.GET, link, session: finance)
      #expect(invoice.status == .ok && invoice.text.contains("<h1>Invoice INV-00001</h1>"))
      #expect(invoice.text.contains("No VAT is charged") && invoice.text.contains("<strong>£24.50</strong>"))
      #expect(invoice.text.contains(demo.personAccount.name))
      // For the co-op, not the funder's copy: its contribution (15% until the members decide otherwise).
      #expect(invoice.text.contains("contribution of 15% of £24.50 is £3.68, kept to run the co-op; £20.82 pays"))
      // The CSV for the funder's portal.
      let csv = try await t.send(.GET, "\(link)/csv", session: finance)
      #expect(csv.status == .ok && csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
      #expect(
        csv.text.contains(
          "INV-00001,\(today.iso),Leeds City Council,\(demo.personAccount.name),\(today.iso),60,1.00,24.50,24.50\r\n"))
      // A credit note needs a reason; with one, it is CN-00001 and the invoice says it is credited.
      let noReason = try await t.send(.POST, "\(link)/credit", session: finance, form: ["reason": " "])
      #expect(noReason.status == .unprocessableEntity)
      #expect(noReason.text.contains(##"<a href="#reason">Enter why the invoice is credited"##))
      let credited = try await t.send(.POST, "\(link)/credit", session: finance, form: ["reason": "Wrong funder"])
      #expect(credited.status == .seeOther)
      let note = try await t.send(.GET, try #require(credited.headers.first(name: .location)), session: finance).text
      #expect(note.contains("<h1>Credit note CN-00001</h1>") && note.contains("-£24.50"))
      #expect(try await t.send(.GET, link, session: finance).text.contains("Credited by"))
      // The API: a run needs an Idempotency-Key; sent again, the first answer.
      let phone = try await t.session(for: holder, kind: "api")
      let body = #"{"from":"\#(today.iso)","through":"\#(today.iso)"}"#
      #expect(try await t.send(.POST, "/api/v1/invoice-runs", bearer: phone, json: body).status == .unprocessableEntity)
      let run = try await t.send(
        .POST, "/api/v1/invoice-runs", bearer: phone, json: body, headers: ["Idempotency-Key": "r1"])
      #expect(run.status == .created && run.text.contains(#""reference":"INV-00002""#))
      let again = try await t.send(
        .POST, "/api/v1/invoice-runs", bearer: phone, json: body, headers: ["Idempotency-Key": "r1"])
      #expect(again.headers.first(name: "Idempotent-Replayed") == "true" && again.text == run.text)
      let all = try await t.send(.GET, "/api/v1/invoices", bearer: phone)
      #expect(all.status == .ok && all.text.contains("CN-00001") && all.text.contains("INV-00002"))
    }
  }

  /// The invoices page adds up the co-op's contribution by month: the invoice's month at 15%, then, credited,
  /// nothing; the twelve months' total below.
  @Test(arguments: Engine.allCases)
  func theContributionIsAddedUpMonthByMonth(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (_, holder) = try await Self.oneHourToInvoice(t)
      let month = CoopCalendar.london.day(of: t.clock.env.now()).monthText
      let finance = try await t.session(for: holder)
      var page = try await t.send(.GET, "/invoices", session: finance).text
      #expect(page.contains("The co-op's contribution, month by month"))
      #expect(page.contains(#"<th scope="row">\#(month)</th><td>£0.00</td><td>–</td><td>£0.00</td><td>£0.00</td>"#))
      let (id, _) = try await Self.issueOne(t, holder)
      page = try await t.send(.GET, "/invoices", session: finance).text
      #expect(page.contains(#"<th scope="row">\#(month)</th><td>£24.50</td><td>15%</td><td>£3.68</td><td>£20.82</td>"#))
      #expect(
        page.contains(#"<th scope="row">The twelve months</th><td>£24.50</td><td></td><td>£3.68</td><td>£20.82</td>"#))
      let credited = try await t.send(
        .POST, "/invoices/\(id)/credit", session: finance, form: ["reason": "Wrong funder"])
      #expect(credited.status == .seeOther)
      page = try await t.send(.GET, "/invoices", session: finance).text
      #expect(page.contains(#"<th scope="row">\#(month)</th><td>£0.00</td><td>15%</td><td>£0.00</td><td>£0.00</td>"#))
    }
  }

  /// Today's hour invoiced through the API as INV-00001: its id, and the finance hat's API session.
  static func issueOne(_ t: TestApp, _ holder: Account) async throws -> (String, String) {
    let today = CoopCalendar.london.day(of: t.clock.env.now())
    let phone = try await t.session(for: holder, kind: "api")
    let body = #"{"from":"\#(today.iso)","through":"\#(today.iso)"}"#
    let run = try await t.send(
      .POST, "/api/v1/invoice-runs", bearer: phone, json: body, headers: ["Idempotency-Key": "r1"])
    let id = try #require(
      run.text.range(of: #"[0-9a-f-]{36}(?=","reference":"INV-00001")"#, options: .regularExpression).map {
        String(run.text[$0])
      })
    return (id, phone)
  }

  /// The invoice as a PDF, printed by the real Chromium from the page's HTML: A4, tagged (a heading, the
  /// table, the language), titled with its reference, named to save. Where Chromium is not installed, the
  /// test of the refusal below still runs.
  @Test(.enabled(if: ChromiumPrinter.installed() != nil))
  func anInvoicePrintsToATaggedA4PDF() async throws {
    try await TestApp.with(chromium: ChromiumPrinter.installed()) { t in
      let (demo, holder) = try await Self.oneHourToInvoice(t)
      let (id, phone) = try await Self.issueOne(t, holder)
      let finance = try await t.session(for: holder)
      let page = try await t.send(.GET, "/invoices/\(id)", session: finance)
      #expect(page.text.contains(##"<a href="/invoices/\##(id)/pdf" download="INV-00001.pdf">"##))
      for (path, session, bearer) in [
        ("/invoices/\(id)/pdf", finance, nil), ("/api/v1/invoices/\(id)/pdf", nil, phone),
      ] {
        let pdf = try await t.send(.GET, path, session: session, bearer: bearer)
        #expect(pdf.status == .ok && pdf.headers.first(name: .contentType) == "application/pdf")
        #expect(pdf.headers.first(name: .contentDisposition) == #"inline; filename="INV-00001.pdf""#)
        let bytes = Data(buffer: pdf.body)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.starts(with: Array("%PDF-".utf8)))
        #expect(text.contains("/StructTreeRoot") && text.contains("/S /H1") && text.contains("/S /Table"))
        // On one page, with From and To but not the page's form to credit it (nor its heading).
        #expect(text.components(separatedBy: "/S /H2").count - 1 == 2)
        let count = { (s: String) in text.components(separatedBy: s).count - 1 }
        #expect(count("/Type /Page") - count("/Type /Pages") == 1)
        #expect(text.contains("/Lang (en)") && text.contains("/Title (Invoice INV-00001 from \(demo.coop.name))"))
        #expect(text.contains("/MediaBox [0 0 594.95996 841.91998]") || text.contains("/MediaBox [0 0 595"))
      }
      // Anyone else: refused, as for the page.
      let person = try await t.session(for: demo.personAccount)
      #expect(try await t.send(.GET, "/invoices/\(id)/pdf", session: person).status == .forbidden)
    }
  }

  /// Without Chromium, no link to a PDF, and asking for one says how to print instead (page and API).
  @Test func withoutChromiumThePDFSaysHowToPrintInstead() async throws {
    try await TestApp.with(chromium: nil) { t in
      let (_, holder) = try await Self.oneHourToInvoice(t)
      let (id, phone) = try await Self.issueOne(t, holder)
      let finance = try await t.session(for: holder)
      let page = try await t.send(.GET, "/invoices/\(id)", session: finance)
      #expect(page.status == .ok && !page.text.contains("/pdf") && page.text.contains("use your browser's Print"))
      let html = try await t.send(.GET, "/invoices/\(id)/pdf", session: finance)
      #expect(html.status == .serviceUnavailable && html.text.contains("choose Save as PDF"))
      let api = try await t.send(.GET, "/api/v1/invoices/\(id)/pdf", bearer: phone)
      #expect(api.status == .serviceUnavailable && api.headers.first(name: .contentType) == "application/problem+json")
      #expect(api.text.contains("This server cannot make PDFs"))
    }
  }
}
