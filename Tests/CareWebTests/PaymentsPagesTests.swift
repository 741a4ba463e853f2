import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// What a person pays, through the real server on both engines: nothing to choose while others pay for
/// their care; once they pay for some themselves, the person chooses a steady amount on the page (a choice
/// not offered gets the error summary), asking to settle with no balance says so, the finance hat sees the
/// statement but no form, the phone chooses through the API, and the hours page links here.
@Suite("Pages: payments")
struct PaymentsPagesTests {
  @Test(arguments: Engine.allCases)
  func thePersonChoosesASteadyAmount(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let page = "/teams/\(demo.person.id)/payments"
      let today = CoopCalendar.london.day(of: t.clock.env.now())
      let hats = try await t.store.hats(coop: demo.coop.id)
      let holder = try #require(hats.first { $0.hat.kind == .finance }?.current(on: today).first?.1)
      let person = try await t.session(for: demo.personAccount)
      #expect(try await t.send(.GET, page, session: person).text.contains("there is nothing to choose"))
      try await t.app.care.cases.recordFunding(
        FundingTerms(
          funder: .selfFunded, funderName: demo.personAccount.name, minutesPerPeriod: 120, period: .week,
          starts: CoopCalendar.london.weekStart(of: today), ratePence: 2_000),
        person: demo.person.id, by: try await t.store.actor(for: holder, on: today))
      let hours = try await t.send(.GET, "/teams/\(demo.person.id)/hours", session: person).text
      #expect(hours.contains(##"<a href="\##(page)">What you pay towards your care</a>"##))
      var text = try await t.send(.GET, page, session: person).text
      #expect(text.contains("<h1>What \(demo.personAccount.name) pays</h1>"))
      #expect(text.contains("What is invoiced: each month asks what that month") && text.contains("Save how I pay"))
      #expect(text.contains("No month has ended since the first invoice.") && text.contains("There is no balance"))
      // A choice not offered: the summary links to the radios; nothing kept.
      let bad = try await t.send(.POST, "\(page)/steady", session: person, form: ["periods": "5"])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains(##"<a href="#periods">Choose to pay what is invoiced, or a steady amount"##))
      let saved = try await t.send(.POST, "\(page)/steady", session: person, form: ["periods": "3"])
      #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "\(page)?chosen")
      text = try await t.send(.GET, "\(page)?chosen", session: person).text
      #expect(text.contains("Saved: a steady amount: each month asks the average of the last 3 months"))
      #expect(text.contains(##"value="3" checked"##))
      // No balance yet: asking to settle says so.
      let settle = try await t.send(.POST, "\(page)/settle", session: person, form: [:])
      #expect(settle.status == .conflict && settle.text.contains("There is no balance to settle"))
      // The finance hat sees it, with no form; the phone chooses through the API.
      let finance = try await t.send(.GET, page, session: try await t.session(for: holder)).text
      #expect(finance.contains("Balance still to pay") && !finance.contains("Save how I pay"))
      let phone = try await t.session(for: demo.personAccount, kind: "api")
      let api = try await t.send(
        .PUT, "/api/v1/teams/\(demo.person.id)/payments/steady", bearer: phone, json: #"{"periods":6}"#)
      #expect(api.status == .ok && api.text.contains(#""periods":6"#) && api.text.contains(#""months":[]"#))
      let read = try await t.send(.GET, "/api/v1/teams/\(demo.person.id)/payments", bearer: phone)
      #expect(read.status == .ok && read.text.contains(#""steady":true"#))
    }
  }
}
