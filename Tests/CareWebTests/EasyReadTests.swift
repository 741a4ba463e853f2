import CareCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CareStore
@testable import CareWeb

@Suite("Easy Read and the idle warning")
struct EasyReadTests {
  @Test func thePersonTurnsOnEasyReadAndTheChoiceIsKeptOnTheirAccount() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let session = try await t.session(for: demo.personAccount)
      let team = "/teams/\(demo.person.id)"
      let standard = try await t.send(.GET, team, session: session).body.string
      #expect(standard.contains("These are the people in your team"))
      #expect(!standard.contains("class=\"easy-read\""))

      let toggled = try await t.send(
        .POST, "/preferences/easy-read", session: session, form: ["easy_read": "on", "return_to": team])
      #expect(toggled.status == .seeOther)
      #expect(toggled.headers.first(name: .location) == team)

      // A new session (another device) still gets Easy Read: the choice lives on the account.
      let elsewhere = try await t.session(for: demo.personAccount)
      let easy = try await t.send(.GET, team, session: elsewhere).body.string
      #expect(easy.contains("class=\"easy-read\""))
      #expect(easy.contains("You choose who is in your team."))
      #expect(easy.contains("Maureen can make changes for you."))
      #expect(easy.contains("Show the standard view"))
      let events = try await t.store.auditEvents(coop: demo.coop.id).map(\.action)
      #expect(events.contains(.changePreferences))

      // Someone else in the team keeps the standard view: it is the person's own choice.
      let family = try await t.send(.GET, team, session: try await t.session(for: demo.family)).body.string
      #expect(!family.contains("class=\"easy-read\""))
    }
  }

  /// Who is coming, in Easy Read: each visit a picture and short sentences (12 words at most), first names.
  @Test func whoIsComingReadsInShortSentences() async throws {
    try await TestApp.with { t in
      let cases = t.app.care.cases
      let (demo, _) = try #require(try await cases.seedDemo())
      let session = try await t.session(for: demo.personAccount)
      _ = try await t.send(
        .POST, "/preferences/easy-read", session: session, form: ["easy_read": "on", "return_to": "/"])
      let page = try await t.send(.GET, "/teams/\(demo.person.id)/week", session: session).body.string
      #expect(page.contains("class=\"easy-read\""))
      #expect(page.contains("easy-visit"))
      let lines = page.components(separatedBy: "<li class=\"visit easy-visit\">").dropFirst().flatMap { item in
        item.components(separatedBy: "</li>")[0].components(separatedBy: "<p>").dropFirst().map {
          $0.components(separatedBy: "</p>")[0]
        }
      }
      #expect(!lines.isEmpty)
      #expect(
        lines.allSatisfy { $0.split(separator: " ").count <= 12 },
        "\(lines.filter { $0.split(separator: " ").count > 12 })")
      #expect(lines.contains { $0.hasSuffix(" comes.") || $0.hasSuffix(" come.") })
      #expect(lines.contains { $0.hasPrefix("From ") })
    }
  }

  @Test(arguments: ["https://evil.example/", "//evil.example/", "/\\evil.example"])
  func theSwitchOnlyReturnsToPagesOnThisSite(returnTo: String) async throws {
    #expect(PreferencesController.safeReturn(returnTo) == "/")
    #expect(PreferencesController.safeReturn("/teams/x") == "/teams/x")
  }

  @Test func signedInPagesCarryTheIdleWarningAndSignedOutPagesDoNot() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let home = try await t.send(.GET, "/", session: try await t.session(for: demo.family)).body.string
      #expect(home.contains("data-idle-seconds=\"1800\""))
      #expect(home.contains("You will be signed out soon"))
      let signIn = try await t.send(.GET, "/sign-in").body.string
      #expect(!signIn.contains("data-idle-seconds"))
    }
  }

  @Test func easyReadSentencesNameThePersonNotARole() {
    #expect(Relationship.worker.easyRead(name: "Amina", whose: "your") == "Amina is one of your care workers.")
    #expect(Relationship.advocate.easyRead(name: "Jo", whose: "Alan's") == "Jo helps Alan speak up.")
    #expect(
      Relationship.backupWorker.easyRead(name: "Ben", whose: "your") == "Ben comes when your usual worker cannot.")
  }
}

@Suite("Who looked at my things")
struct WhoLookedTests {
  /// The person sees, in plain words, that a family member looked at their team, newest first; the
  /// look at the list is itself written down; a worker in the team may not read it.
  @Test func thePersonSeesWhoLookedAndTheirOwnLookIsRecorded() async throws {
    try await TestApp.with { t in
      let (demo, _) = try await t.seedDemo()
      let team = "/teams/\(demo.person.id)"
      _ = try await t.send(.GET, team, session: try await t.session(for: demo.family))
      let person = try await t.session(for: demo.personAccount)
      let page = try await t.send(.GET, team, session: person).body.string
      #expect(page.contains("Who looked at your things"))
      let log = try await t.send(.GET, team + "/who-looked", session: person)
      #expect(log.status == .ok)
      let html = log.body.string
      #expect(html.contains("<h1>Who looked at your things</h1>"))
      #expect(html.contains("<td>\(demo.family.name)</td><td>looked at the team</td>"))
      let events = try await t.store.auditEvents(coop: demo.coop.id, person: demo.person.id)
      #expect(events.first?.action == .viewWhoLooked)
      let worker = try await t.send(.GET, team + "/who-looked", session: try await t.session(for: demo.teamWorker))
      #expect(worker.status == .forbidden)
    }
  }

  @Test func timesAreShownInUKTime() {
    // 23 June 2026 11:30 UTC is 12:30 in London (summer time); in winter the two agree.
    #expect(WhoLookedPage.ukTime(Date(timeIntervalSince1970: 1_782_214_200)) == "23 June 2026, 12:30")
    #expect(WhoLookedPage.ukTime(Date(timeIntervalSince1970: 1_795_437_000)) == "23 November 2026, 12:30")
  }
}
