import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Concerns and feedback through the real server, on both engines: the header links to them; a family member
/// raises one (an empty form comes back with its summary); the registered manager sees it, moves it on (an
/// outcome without a note is refused at its box) and the family member reads each step; another member sees
/// only the trend; the API says the same.
@Suite("Pages: concerns and feedback")
struct ConcernPagesTests {
  @Test(arguments: Engine.allCases)
  func aConcernIsRaisedAnsweredAndSeenByTheRightPeople(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let family = try await t.session(for: demo.family)
      var page = try await t.send(.GET, "/concerns", session: family).text
      #expect(page.contains(#"<a href="/concerns">Concerns</a>"#))
      #expect(page.contains("<caption>Concerns and feedback over the last 12 months</caption>"))
      let empty = try await t.send(.POST, "/concerns", session: family, form: [:])
      #expect(empty.status == .unprocessableEntity)
      #expect(empty.text.contains(##"<a href="#kind">Choose what you are raising</a>"##))
      let sent = try await t.send(
        .POST, "/concerns", session: family,
        form: ["kind": "concern", "title": "Late on Tuesdays", "text": "An hour late, three weeks running."])
      #expect(sent.status == .seeOther)
      let concern = String(try #require(sent.headers.first(name: .location)).prefix { $0 != "?" })
      page = try await t.send(.GET, "\(concern)?raised", session: family).text
      #expect(page.contains("Sent: the registered manager has been told.") && page.contains("Nothing yet: it waits"))
      #expect(!page.contains("Move it on"))
      // Another member does not see it, only the numbers.
      let worker = try await t.session(for: demo.teamWorker)
      #expect(try await t.send(.GET, concern, session: worker).status == .notFound)
      page = try await t.send(.GET, "/concerns", session: worker).text
      #expect(!page.contains("Late on Tuesdays") && page.contains("What you have raised"))
      // The registered manager moves it on.
      let admin = try await t.session(for: demo.admin)
      page = try await t.send(.GET, "/concerns", session: admin).text
      #expect(page.contains("Every concern") && page.contains("Late on Tuesdays"))
      let bare = try await t.send(.POST, "\(concern)/steps", session: admin, form: ["state": "outcome"])
      #expect(bare.status == .unprocessableEntity)
      #expect(bare.text.contains(##"<a href="#note">Enter what was found, and what changes</a>"##))
      #expect(
        try await t.send(
          .POST, "\(concern)/steps", session: admin,
          form: ["state": "acknowledged", "note": "Thank you for telling us."]
        ).status == .seeOther)
      #expect(
        try await t.send(.POST, "\(concern)/steps", session: family, form: ["state": "outcome", "note": "x"]).status
          == .forbidden)
      page = try await t.send(.GET, concern, session: family).text
      #expect(page.contains("<strong>Acknowledged</strong>") && page.contains("Thank you for telling us."))
      // The phone: the family member's own, with its step; the registered manager gives the outcome.
      let phone = try await t.session(for: demo.family, kind: "api")
      let mine = try await t.send(.GET, "/api/v1/concerns", bearer: phone).text
      #expect(mine.contains(#""state":"acknowledged""#) && mine.contains(#""trend":["#))
      let managerPhone = try await t.session(for: demo.admin, kind: "api")
      let outcome = try await t.send(
        .POST, "/api/v1\(concern)/steps", bearer: managerPhone,
        json: #"{"state":"outcome","note":"A second worker now covers Tuesdays."}"#)
      #expect(outcome.status == .created && outcome.text.contains(#""state":"outcome""#))
      let again = try await t.send(
        .POST, "/api/v1\(concern)/steps", bearer: managerPhone, json: #"{"state":"outcome","note":"Again."}"#)
      #expect(again.status == .conflict)
    }
  }
}

/// A concern about a person's support through the real server, on both engines: the family member chooses the
/// person on the form (someone else's support: refused at its box), the registered manager's page says it is
/// part of the person's records, and the API carries `about`.
@Suite("Pages: a concern about a person's support")
struct ConcernAboutPagesTests {
  @Test(arguments: Engine.allCases)
  func aFamilyMemberRaisesAConcernAboutThePersonsSupport(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let stranger = try #require(
        try await t.store.people(coop: demo.coop.id).map(\.0.id).first { $0 != demo.person.id })
      let family = try await t.session(for: demo.family)
      let page = try await t.send(.GET, "/concerns", session: family).text
      #expect(page.contains(#"<option value="\#(demo.person.id)">"#))
      let form = ["kind": "concern", "title": "Rushed mornings", "text": "The morning visit feels rushed."]
      var sent = try await t.send(
        .POST, "/concerns", session: family, form: form.merging(["about": stranger.description]) { a, _ in a })
      #expect(sent.status == .unprocessableEntity && sent.text.contains(##"<a href="#about">"##))
      sent = try await t.send(
        .POST, "/concerns", session: family, form: form.merging(["about": demo.person.id.description]) { a, _ in a })
      #expect(sent.status == .seeOther)
      let concern = String(try #require(sent.headers.first(name: .location)).prefix { $0 != "?" })
      let admin = try await t.session(for: demo.admin)
      let read = try await t.send(.GET, concern, session: admin).text
      #expect(
        read.contains("It is about \(demo.personAccount.name)&#39;s support")
          || read.contains("It is about \(demo.personAccount.name)'s support"))
      let phone = try await t.session(for: demo.family, kind: "api")
      let made = try await t.send(
        .POST, "/api/v1/concerns", bearer: phone,
        json: #"{"kind":"suggestion","title":"Same worker on Fridays","text":"Please.","about":"\#(demo.person.id)"}"#)
      #expect(made.status == .created && made.text.contains(#""about":"\#(demo.person.id)""#))
      // Nobody in particular is said by leaving it out: an empty id is not one.
      let blank = try await t.send(
        .POST, "/api/v1/concerns", bearer: phone, json: #"{"kind":"suggestion","title":"T","text":"T","about":""}"#)
      #expect(blank.status == .unprocessableEntity)
    }
  }
}
