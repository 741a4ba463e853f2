import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Hours through the real server, on both engines: the finance hat records an agreement on the page, the
/// person banks in two steps (what it does, then yes), the phone banks through the API with an
/// Idempotency-Key (again: the first answer; another request under it: 422), and every answer matches the
/// API document.
@Suite("Pages: hours")
struct HoursPagesTests {
  @Test(arguments: Engine.allCases)
  func theFinanceHatRecordsAndThePersonBanksInTwoSteps(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let page = "/teams/\(demo.person.id)/hours"
      let hats = try await t.store.hats(coop: demo.coop.id)
      let today = CoopCalendar.london.day(of: t.clock.env.now())
      let holder = try #require(hats.first { $0.hat.kind == .finance }?.current(on: today).first?.1)
      let finance = try await t.session(for: holder)
      let monday = CoopCalendar.london.weekStart(of: today).iso.split(separator: "-").map(String.init)
      var form = [
        "funder": "localAuthority", "funderName": "Leeds City Council", "hoursPerPeriod": "10", "period": "week",
        "starts-day": monday[2], "starts-month": monday[1], "starts-year": monday[0], "ratePence": "2450",
        "bankLimitHours": "3", "bankWeeks": "4", "noticeDays": "0", "compressMinMinutes": "60",
      ]
      // A problem across two fields: the summary says which.
      let bad = try await t.send(.POST, "\(page)/agreements", session: finance, form: form)
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains(##"<a href="#compressMaxMinutes">Give both the shortest and the longest visit"##))
      form["compressMaxMinutes"] = "180"
      #expect(try await t.send(.POST, "\(page)/agreements", session: finance, form: form).status == .seeOther)
      // The person sees ten hours this week, the chart and the rate; the worker the hours but not the rate.
      let person = try await t.session(for: demo.personAccount)
      var text = try await t.send(.GET, page, session: person).text
      #expect(text.contains("<h1>Your hours</h1>") && text.contains("Left to use: 10 hours."))
      #expect(text.contains(#"<svg class="hours-chart""#) && text.contains("Charged at £24.50 an hour."))
      let worker = try await t.session(for: demo.teamWorker)
      let seen = try await t.send(.GET, page, session: worker).text
      #expect(seen.contains("Left to use: 10 hours.") && !seen.contains("£24.50") && !seen.contains("Bank these hours"))
      let agreement = try #require(
        text.range(of: #"name="agreementID" value="([0-9a-fA-F-]{36})""#, options: .regularExpression).map {
          String(text[$0].dropFirst(#"name="agreementID" value=""#.count).prefix(36))
        })
      // Step one: what banking two hours would do; nothing kept yet.
      let bank = ["agreementID": agreement, "bank-\(agreement)-hours": "2", "bank-\(agreement)-minutes": ""]
      let first = try await t.send(.POST, "\(page)/bank", session: person, form: bank)
      #expect(first.status == .ok && first.text.contains("Left to use this period: 8 hours."))
      #expect(first.text.contains("Yes, bank 2 hours"))
      #expect(try await t.send(.GET, page, session: person).text.contains("Banked: 0 minutes."))
      // Step two: done.
      var yes = bank
      yes["confirm"] = "yes"
      #expect(try await t.send(.POST, "\(page)/bank", session: person, form: yes).status == .seeOther)
      text = try await t.send(.GET, page, session: person).text
      #expect(text.contains("Banked: 2 hours.") && text.contains("Left to use: 8 hours."))
      // Past the limit: the reason at the form that was sent.
      let over = ["agreementID": agreement, "bank-\(agreement)-hours": "2"]
      let refused = try await t.send(.POST, "\(page)/bank", session: person, form: over)
      #expect(refused.status == .unprocessableEntity)
      #expect(refused.text.contains(##"<a href="#bank-\##(agreement)-hours">This agreement allows 3 hours banked"##))
      // The phone: an Idempotency-Key is needed; the same key and request replays; another request is 422.
      let phone = try await t.session(for: demo.arranger, kind: "api")
      let api = "/api/v1/teams/\(demo.person.id)/hours/bank"
      let body = #"{"agreementID":"\#(agreement)","minutes":30}"#
      #expect(try await t.send(.POST, api, bearer: phone, json: body).status == .unprocessableEntity)
      let sent = try await t.send(.POST, api, bearer: phone, json: body, headers: ["Idempotency-Key": "k1"])
      #expect(sent.status == .created)
      let again = try await t.send(.POST, api, bearer: phone, json: body, headers: ["Idempotency-Key": "k1"])
      #expect(again.status == .created && again.headers.first(name: "Idempotent-Replayed") == "true")
      #expect(again.text == sent.text)
      let other = #"{"agreementID":"\#(agreement)","minutes":20}"#
      let conflict = try await t.send(.POST, api, bearer: phone, json: other, headers: ["Idempotency-Key": "k1"])
      #expect(conflict.status == .unprocessableEntity && conflict.text.contains("Idempotency-Key"))
      let hours = try await t.send(.GET, "/api/v1/teams/\(demo.person.id)/hours", bearer: phone)
      #expect(hours.status == .ok && hours.text.contains(#""banked":150"#) && hours.text.contains(#""ratePence":2450"#))
      // In Easy Read: short sentences, spoken to the person.
      let easy = try await t.send(
        .POST, "/preferences/easy-read", session: person, form: ["easy_read": "on", "return_to": page])
      #expect(easy.status == .seeOther)
      let plain = try await t.send(.GET, page, session: person).text
      #expect(plain.contains("You have 7 hours 30 minutes left to use this week."))
      #expect(plain.contains("You have 2 hours 30 minutes in the bank.") && plain.contains("must be used by"))
      // The person's home page has them at a glance.
      let home = try await t.send(.GET, "/", session: person).text
      #expect(
        home.contains(
          "Leeds City Council: 7 hours 30 minutes left to use this period; 2 hours 30 minutes in the bank."))
    }
  }

  /// The person undoes a banking from its line in the history: a page saying what it does, why asked for
  /// (missing: the error summary), then the hours are back and the history shows both; the API undoes a
  /// drawing with an Idempotency-Key.
  @Test(arguments: Engine.allCases)
  func thePersonUndoesABankingWithWhy(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let cases = t.app.care.cases
      let today = CoopCalendar.london.day(of: t.clock.env.now())
      let hats = try await t.store.hats(coop: demo.coop.id)
      let holder = try #require(hats.first { $0.hat.kind == .finance }?.current(on: today).first?.1)
      let terms = FundingTerms(
        funder: .localAuthority, funderName: "Leeds City Council", minutesPerPeriod: 600, period: .week,
        starts: CoopCalendar.london.weekStart(of: today), ratePence: 2_450, bankLimitMinutes: 180, bankWeeks: 2)
      let agreement = try await cases.recordFunding(
        terms, person: demo.person.id, by: try await t.store.actor(for: holder, on: today))
      let owner = try await t.store.actor(for: demo.personAccount, on: today)
      let banked = try await cases.bankHours(120, agreement: agreement.id, person: demo.person.id, by: owner).record
      let person = try await t.session(for: demo.personAccount)
      let page = "/teams/\(demo.person.id)/hours"
      let undo = "\(page)/entries/\(banked.entry.id.uuidString.lowercased())/undo"
      #expect(try await t.send(.GET, page, session: person).text.contains(##"href="\##(undo)""##))
      let ask = try await t.send(.GET, undo, session: person)
      #expect(ask.status == .ok && ask.text.contains("Undo banking 2 hours?"))
      #expect(ask.text.contains("The 2 hours banked go back to this period's hours."))
      // The worker sees the hours but does not undo.
      #expect(try await t.send(.GET, undo, session: try await t.session(for: demo.teamWorker)).status == .forbidden)
      let missing = try await t.send(.POST, undo, session: person, form: ["reason": " "])
      #expect(
        missing.status == .unprocessableEntity && missing.text.contains(##"<a href="#reason">Enter why it is undone"##))
      let done = try await t.send(.POST, undo, session: person, form: ["reason": "Pressed the wrong button"])
      #expect(done.status == .seeOther && done.headers.first(name: .location) == "\(page)?undone")
      let after = try await t.send(.GET, "\(page)?undone", session: person).text
      #expect(after.contains("Undone. The history shows both, with why.") && after.contains("Left to use: 10 hours."))
      #expect(after.contains("undone: Pressed the wrong button") && !after.contains(##"href="\##(undo)""##))
      // Again: the page says it was undone, and the form is gone.
      let again = try await t.send(.GET, undo, session: person).text
      #expect(again.contains("This was undone on") && again.contains("Why: Pressed the wrong button"))
      #expect(!again.contains("Yes, undo it"))
      let twice = try await t.send(.POST, undo, session: person, form: ["reason": "Again"])
      #expect(twice.status == .conflict && twice.text.contains(##"<a href="#entry">That has been undone already"##))
      // The API: a drawing undone with a key; sent again, the first answer.
      _ = try await cases.bankHours(60, agreement: agreement.id, person: demo.person.id, by: owner)
      let drawn = try await cases.drawHours(60, agreement: agreement.id, person: demo.person.id, by: owner).record
      let phone = try await t.session(for: demo.arranger, kind: "api")
      let api = "/api/v1/teams/\(demo.person.id)/hours/entries/\(drawn.entry.id.uuidString.lowercased())/reversal"
      let body = #"{"reason":"Not needed after all"}"#
      let sent = try await t.send(.POST, api, bearer: phone, json: body, headers: ["Idempotency-Key": "u1"])
      #expect(sent.status == .created && sent.text.contains(#""kind":"reverse""#))
      let replay = try await t.send(.POST, api, bearer: phone, json: body, headers: ["Idempotency-Key": "u1"])
      #expect(replay.headers.first(name: "Idempotent-Replayed") == "true" && replay.text == sent.text)
      let other = try await t.send(.POST, api, bearer: phone, json: body, headers: ["Idempotency-Key": "u2"])
      #expect(other.status == .conflict && other.headers.first(name: .contentType) == "application/problem+json")
    }
  }
}
