import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// A visit's record through the real server, on both engines: the worker writes it on the page (a double
/// press keeps one entry), and from the phone through the API (a repeat keeps one); family read it without
/// personal care; the person's who-looked log shows the looks.
@Suite("Pages: visit records")
struct RecordPagesTests {
  /// The entry id the page gave the named form.
  static func entryID(_ html: String, form: String) throws -> String {
    let marker = #"name="form" value="\#(form)""#
    let after = try #require(html.range(of: marker)).upperBound
    let rest = html[after...]
    let start = try #require(rest.range(of: #"name="entryID" value=""#)).upperBound
    return String(rest[start...].prefix { $0 != "\"" })
  }

  @Test(arguments: Engine.allCases)
  func theWorkerWritesTheRecordAndTheFamilyReadsIt(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let visit = try await AccessMatrixTests.publishedVisit(t, demo, circle: team.circle.id)
      let page = "/visits/\(visit)/record"
      let worker = try await t.session(for: demo.teamWorker)
      let first = try await t.send(.GET, page, session: worker)
      #expect(
        first.status == .ok && first.text.contains("Say when you arrive.") && first.text.contains("I have arrived"))
      // Pressed twice (a slow phone): one entry.
      let arrive = ["form": "checkIn", "kind": "checkIn", "entryID": try Self.entryID(first.text, form: "checkIn")]
      #expect(try await t.send(.POST, page, session: worker, form: arrive).status == .seeOther)
      #expect(try await t.send(.POST, page, session: worker, form: arrive).status == .seeOther)
      var now = try await t.send(.GET, page, session: worker)
      #expect(now.text.components(separatedBy: " Arrived</strong>").count - 1 == 1, "one entry for two presses")
      #expect(now.text.contains("You have said you arrived."))
      // A task not done needs a reason: the error is at that task's form.
      let meals = try Self.entryID(now.text, form: "task-meals")
      let bad = try await t.send(
        .POST, page, session: worker,
        form: ["form": "task-meals", "kind": "task", "entryID": meals, "task-meals-outcome": "notDone"])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains(##"<a href="#task-meals-text">Enter why it was not done</a>"##))
      let note = "Had a shower; the left heel is a little red."
      let wrote = try await t.send(
        .POST, page, session: worker,
        form: [
          "form": "note", "kind": "note", "entryID": try Self.entryID(now.text, form: "note"), "note-text": note,
          "note-isPersonalCare": "true",
        ])
      #expect(wrote.status == .seeOther)
      now = try await t.send(.GET, page, session: worker)
      let leave = ["form": "checkOut", "kind": "checkOut", "entryID": try Self.entryID(now.text, form: "checkOut")]
      #expect(try await t.send(.POST, page, session: worker, form: leave).status == .seeOther)
      now = try await t.send(.GET, page, session: worker)
      #expect(now.text.contains("You have said you left.") && now.text.contains(note))
      // Family read the record, without the note about personal care, and write nothing.
      let family = try await t.session(for: demo.family)
      let read = try await t.send(.GET, page, session: family)
      #expect(read.status == .ok && read.text.contains("Arrived") && read.text.contains("Left"))
      #expect(!read.text.contains(note) && !read.text.contains("I have arrived"))
      // The phone, through the API: an entry sent twice (with fractions of a second) is kept once.
      let phone = try await t.session(for: demo.teamWorker, kind: "api")
      let body =
        #"{"entries":[{"id":"7d4f0f9e-2b7a-4a51-9a3c-4d2b8f1e0a11","kind":"note","text":"Ate well","deviceAt":"2030-01-01T10:00:00.250Z"}]}"#
      let sent = try await t.send(.POST, "/api/v1\(page)", bearer: phone, json: body)
      #expect(sent.status == .ok && sent.text.contains(#""added":1"#))
      let again = try await t.send(.POST, "/api/v1\(page)", bearer: phone, json: body)
      #expect(again.status == .ok && again.text.contains(#""added":0,"repeated":1"#))
      // A time without fractions reads too; one that is not a time is a clear 422 and keeps nothing.
      let plain =
        #"{"entries":[{"id":"1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed","kind":"note","text":"Slept","deviceAt":"2030-01-01T11:00:00Z"}]}"#
      #expect(try await t.send(.POST, "/api/v1\(page)", bearer: phone, json: plain).text.contains(#""added":1"#))
      let notATime =
        #"{"entries":[{"id":"2c9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed","kind":"note","text":"x","deviceAt":"yesterday"}]}"#
      let refused = try await t.send(.POST, "/api/v1\(page)", bearer: phone, json: notATime)
      #expect(refused.status == .unprocessableEntity && refused.text.contains("entries[0].deviceAt"))
      // The times: the worker confirms them on the page, the person says they are right.
      #expect(
        try await t.send(
          .POST, "/visits/\(visit)/times", session: worker, form: ["times-start": "09:00", "times-end": "9"]
        )
        .status == .unprocessableEntity)
      let confirmed = try await t.send(
        .POST, "/visits/\(visit)/times", session: worker, form: ["times-start": "09:00", "times-end": "09:50"])
      #expect(confirmed.status == .seeOther)
      let person = try await t.session(for: demo.personAccount)
      #expect(try await t.send(.GET, page, session: person).text.contains("The worker says 09:00 to 09:50."))
      // In Easy Read: one question, in plain words, and two buttons.
      let easy = try await t.send(
        .POST, "/preferences/easy-read", session: person, form: ["easy_read": "on", "return_to": page])
      #expect(easy.status == .seeOther)
      let question = try await t.send(.GET, page, session: person).text
      #expect(question.contains("says: came at 09:00, left at 09:50. Is that right?"))
      #expect(question.contains("Yes, that is right") && question.contains("No, that is wrong"))
      // And the record itself, spoken to the person: one short sentence an entry.
      #expect(question.contains("<h1>Your visit</h1>") && question.contains(#"<ul class="easy-lines">"#))
      #expect(question.contains(" came at ") && question.contains(" left at ") && question.contains("wrote: “\(note)”"))
      #expect(!question.contains(#"<ol class="record">"#))
      // The person's home page asks about the visit (over by now) until they say.
      let asked = try await t.send(.GET, "/", session: person)
      #expect(asked.text.contains("Did they come?") && asked.text.contains("\(page)#times"))
      let right = try await t.send(.POST, "/visits/\(visit)/times/answer", session: person, form: ["answer": "right"])
      #expect(right.status == .seeOther)
      #expect(!(try await t.send(.GET, "/", session: person).text.contains("Did they come?")))
      #expect(try await t.send(.GET, page, session: person).text.contains("Both sides agree: 09:00 to 09:50"))
      // The looks are in the person's who-looked log.
      let arranger = try await t.session(for: demo.arranger)
      let log = try await t.send(.GET, "/teams/\(demo.person.id)/who-looked", session: arranger)
      #expect(log.text.contains("looked at visit records"))
    }
  }
}

extension RecordPagesTests {
  /// The person's visits as they happened, on the page (standard and Easy Read) and the API; the person's
  /// settings page.
  @Test(arguments: Engine.allCases)
  func thePersonSeesTheirVisitsAndDecidesAboutTheirRecords(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let visit = try await AccessMatrixTests.publishedVisit(t, demo, circle: team.circle.id)
      let person = try await t.session(for: demo.personAccount)
      let page = "/teams/\(demo.person.id)/visits"
      var history = try await t.send(.GET, page, session: person)
      #expect(history.status == .ok && history.text.contains("<h1>Your visits</h1>"))
      #expect(
        history.text.contains("/visits/\(visit)/record") && history.text.contains("Nothing written about this visit."))
      #expect(try await t.send(.GET, "\(page)?from=2026-13-01", session: person).status == .unprocessableEntity)
      // Easy Read: one short line a visit.
      try await t.store.setEasyRead(true, account: demo.personAccount, env: t.clock.env)
      history = try await t.send(.GET, page, session: person)
      #expect(history.text.contains("was due on"))
      let phone = try await t.session(for: demo.personAccount, kind: "api")
      let api = try await t.send(.GET, "/api/v1\(page)", bearer: phone)
      #expect(api.status == .ok && api.text.contains(#""visit":"\#(visit)""#))
      // Settings: a bad number is said plainly; a good one is kept and shown again.
      let settings = "/teams/\(demo.person.id)/record-settings"
      let bad = try await t.send(.POST, settings, session: person, form: ["autoConfirmDays": "forty"])
      #expect(bad.status == .unprocessableEntity && bad.text.contains("Give a number of days, like 3"))
      let saved = try await t.send(.POST, settings, session: person, form: ["autoConfirmDays": "5"])
      #expect(saved.status == .seeOther)
      #expect(try await t.send(.GET, settings, session: person).text.contains(#"value="5""#))
    }
  }
}

extension RecordPagesTests {
  /// A worker corrects their own note on the page: a reason is needed; the old note stays, shown as corrected.
  @Test(arguments: Engine.allCases)
  func aWorkerCorrectsTheirNoteAndTheOldOneStays(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let team = try #require(try await t.store.team(demo.person.id, coop: demo.coop.id))
      let visit = try await AccessMatrixTests.publishedVisit(t, demo, circle: team.circle.id)
      let page = "/visits/\(visit)/record"
      let worker = try await t.session(for: demo.teamWorker)
      var now = try await t.send(.GET, page, session: worker)
      let wrote = try await t.send(
        .POST, page, session: worker,
        form: [
          "form": "note", "kind": "note", "entryID": try Self.entryID(now.text, form: "note"),
          "note-text": "Gave her the blue tablets.",
        ])
      #expect(wrote.status == .seeOther)
      now = try await t.send(.GET, page, session: worker)
      let marker = #"name="form" value="fix-"#
      let start = try #require(now.text.range(of: marker)).upperBound
      let fix = "fix-" + String(now.text[start...].prefix { $0 != "\"" })
      let entryID = try Self.entryID(now.text, form: fix)
      let noReason = try await t.send(
        .POST, page, session: worker,
        form: ["form": fix, "kind": "note", "entryID": entryID, "\(fix)-text": "Gave her the white tablets."])
      #expect(noReason.status == .unprocessableEntity)
      #expect(noReason.text.contains(##"<a href="#\##(fix)-correctionReason">Enter why it is corrected</a>"##))
      #expect(noReason.text.contains("<details class=\"no-print\" open"))
      let fixed = try await t.send(
        .POST, page, session: worker,
        form: [
          "form": fix, "kind": "note", "entryID": entryID, "\(fix)-text": "Gave her the white tablets.",
          "\(fix)-correctionReason": "Wrong colour written",
        ])
      #expect(fixed.status == .seeOther)
      now = try await t.send(.GET, page, session: worker)
      #expect(now.text.contains("Gave her the blue tablets.") && now.text.contains("Gave her the white tablets."))
      #expect(now.text.contains("corrected below") && now.text.contains("Correction: Wrong colour written"))
      // The corrected note offers no second correction; the new one does.
      #expect(now.text.components(separatedBy: #"name="form" value="fix-"#).count - 1 == 1)
    }
  }
}
