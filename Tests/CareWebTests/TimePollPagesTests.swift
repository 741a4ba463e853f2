import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Time polls through the real server, on both engines: a member offers times on the proposal form (a time on
/// the poll's last day is refused at its box); members answer each time on the poll's page (an answer missing
/// is refused at its question) or through the API; the table shows how many can come; once counted, the page
/// names the time chosen; the ballot paper has a yes, if need be and no box for each time.
@Suite("Pages: time polls")
struct TimePollPagesTests {
  @Test(arguments: Engine.allCases)
  func membersFindATimeOnThePollsPage(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let worker = try await t.session(for: demo.teamWorker)
      var form = [
        "title": "Members' meeting", "text": "Which evening suits?", "kind": "time-poll", "quorum": "0",
        "closesOn-day": "28", "closesOn-month": "5", "closesOn-year": "2026", "meetingMinutes": "90",
        "time1-day": "28", "time1-month": "5", "time1-year": "2026", "time1-start": "18:30",
        "time2-day": "3", "time2-month": "6", "time2-year": "2026", "time2-start": "19:00",
      ]
      let refused = try await t.send(.POST, "/proposals", session: worker, form: form)
      #expect(refused.status == .unprocessableEntity)
      #expect(
        refused.text.contains(
          ##"<a href="#time1">Time 1 must be after the poll&#39;s last day, and within a year of it</a>"##)
          || refused.text.contains(
            ##"<a href="#time1">Time 1 must be after the poll's last day, and within a year of it</a>"##)
      )
      form["time1-day"] = "2"
      form["time1-month"] = "6"
      let sent = try await t.send(.POST, "/proposals", session: worker, form: form)
      #expect(sent.status == .seeOther)
      let poll = String(try #require(sent.headers.first(name: .location)).prefix { $0 != "?" })
      var page = try await t.send(.GET, poll, session: worker).text
      #expect(page.contains("<caption>How many can come to each time</caption>"))
      #expect(page.contains("Can you come on Tuesday 2 June 2026 at 18:30?"))
      let half = try await t.send(.POST, "\(poll)/times", session: worker, form: ["time-1": "yes"])
      #expect(half.status == .unprocessableEntity)
      #expect(
        half.text.contains(##"<a href="#time-2">Say whether you can come on Wednesday 3 June 2026 at 19:00</a>"##))
      #expect(
        try await t.send(.POST, "\(poll)/times", session: worker, form: ["time-1": "yes", "time-2": "if-need-be"])
          .status == .seeOther)
      let phone = try await t.session(for: demo.family, kind: "api")
      let answered = try await t.send(
        .POST, "/api/v1\(poll)/times", bearer: phone, json: #"{"answers":["no","yes"]}"#)
      #expect(answered.status == .created && answered.text.contains(#""answers":["no","yes"]"#))
      // The administrator enters the arranger's postal answers; they show as entered, and by whom.
      let admin = try await t.session(for: demo.admin)
      #expect(try await t.send(.GET, poll, session: admin).text.contains("Enter postal or proxy answers"))
      let postal = try await t.send(
        .POST, "\(poll)/entered-times", session: admin,
        form: [
          "memberID": demo.arranger.id.description, "way": "postal", "entered-time-1": "no", "entered-time-2": "yes",
        ])
      #expect(postal.status == .seeOther)
      let short = try await t.send(
        .POST, "\(poll)/entered-times", session: admin,
        form: ["memberID": demo.personAccount.id.description, "way": "postal", "entered-time-1": "no"])
      #expect(short.status == .unprocessableEntity)
      #expect(
        short.text.contains(
          ##"<a href="#entered-time-2">Say whether you can come on Wednesday 3 June 2026 at 19:00</a>"##))
      page = try await t.send(.GET, poll, session: worker).text
      #expect(page.contains("Change my answers") && page.contains("3 answered."))
      #expect(page.contains("(a postal vote, entered by \(demo.admin.name))"))
      #expect(page.contains("Wednesday 3 June 2026 at 19:00: if need be"))
      let paper = try await t.send(.GET, "\(poll)/ballot-paper", session: worker).text
      #expect(paper.contains("For each time, put an X in one box: yes, if need be, or no."))
      t.clock.advance(24 * 3600 + 120)
      #expect(try await t.app.care.cases.countDuePolls() == 1)
      let later = try await t.session(for: demo.family)
      page = try await t.send(.GET, poll, session: later).text
      #expect(page.contains("The meeting: Wednesday 3 June 2026 at 19:00, for 1 hour 30 minutes."))
      #expect(page.contains("<strong> (chosen)</strong>"))
      let api = try await t.send(
        .GET, "/api/v1\(poll)", bearer: try await t.session(for: demo.family, kind: "api")
      ).text
      #expect(api.contains(#""chosenTime":2"#) && api.contains(#""kind":"time-poll""#))
    }
  }
}
