import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareCases
@testable import CareStore
@testable import CareWeb

/// The member's messages through the real server, on both engines: the home page counts the new ones and links
/// them all; the messages page marks which were new (once), links what each is about, and pages older ones.
@Suite("Pages: your messages")
struct MessagesPagesTests {
  @Test(arguments: Engine.allCases)
  func theMessagesPageShowsWhatIsNewOnceAndPagesOlderOnes(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let family = try await t.session(for: demo.family)
      var page = try await t.send(.GET, "/messages", session: family)
      #expect(page.status == .ok && page.text.contains("You have no messages yet."))
      for n in 1...26 {
        t.clock.advance(60)
        try await t.store.keepMessages(
          [NewMessage(to: demo.family.id, subject: "Note \(n)", body: "About \(n)", link: n == 26 ? "/my-week" : nil)],
          mailJob: Cases.mailJob, env: t.clock.env)
      }
      let home = try await t.send(.GET, "/", session: family).text
      #expect(home.contains("<h2>Messages (26 new)</h2>"))
      #expect(home.contains(#"<a href="/messages">See all your messages</a>"#))
      page = try await t.send(.GET, "/messages", session: family)
      #expect(page.text.contains("25 new since you last looked."))
      #expect(page.text.contains(#"<span class="tag">New</span> <a href="/my-week">Note 26</a>"#))
      #expect(page.text.contains(#"<a href="/messages?page=2">Older messages</a>"#))
      #expect(!page.text.contains("Note 1<"))
      // Seen: no longer new; the oldest is on page 2, new until it is seen there.
      page = try await t.send(.GET, "/messages", session: family)
      #expect(!page.text.contains("new since you last looked") && !page.text.contains(#"class="tag">New"#))
      #expect(try await t.send(.GET, "/", session: family).text.contains("<h2>Messages (1 new)</h2>"))
      page = try await t.send(.GET, "/messages?page=2", session: family)
      #expect(page.text.contains("<h2 class=\"message-subject\"><span class=\"tag\">New</span> Note 1</h2>"))
      #expect(page.text.contains(#"<a href="/messages">Newer messages</a>"#))
      #expect(try await t.send(.GET, "/", session: family).text.contains("<h2>Messages</h2>"))
    }
  }

  /// The app's list, a page at a time, and its own "read" mark: reading the list marks nothing; the app names
  /// what it showed; bad pages and bad ids are refused with a problem.
  @Test(arguments: Engine.allCases)
  func theAppPagesMessagesAndMarksThemRead(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      for n in 1...27 {
        t.clock.advance(60)
        try await t.store.keepMessages(
          [NewMessage(to: demo.family.id, subject: "Note \(n)", body: "About \(n)", link: nil)],
          mailJob: Cases.mailJob, env: t.clock.env)
      }
      try await t.store.keepMessages(
        [NewMessage(to: demo.teamWorker.id, subject: "Not yours", body: "", link: nil)], mailJob: Cases.mailJob,
        env: t.clock.env)
      let phone = try await t.session(for: demo.family, kind: "api")
      let first = try await t.send(.GET, "/api/v1/messages", bearer: phone)
      #expect(first.status == .ok && first.text.components(separatedBy: #""subject""#).count == 26)
      #expect(first.text.contains(#""subject":"Note 27""#) && !first.text.contains(#""read":true"#))
      let second = try await t.send(.GET, "/api/v1/messages?page=2", bearer: phone)
      #expect(second.text.components(separatedBy: #""subject""#).count == 3 && second.text.contains("Note 1\""))
      for bad in ["0", "abc", "100001"] {
        let refused = try await t.send(.GET, "/api/v1/messages?page=\(bad)", bearer: phone)
        #expect(refused.status == .unprocessableEntity, "page \(bad)")
      }
      // Mark the newest read; the worker's message id changes nothing of theirs.
      let newest = try #require(try await t.store.messages(for: demo.family.id, limit: 1).first)
      let theirs = try #require(try await t.store.messages(for: demo.teamWorker.id, limit: 1).first)
      let marked = try await t.send(
        .POST, "/api/v1/messages/read", bearer: phone, json: #"{"ids":["\#(newest.id)","\#(theirs.id)"]}"#)
      #expect(marked.status == .noContent)
      #expect(try await t.store.messages(for: demo.family.id, limit: 1).first?.readAt != nil)
      #expect(try await t.store.messages(for: demo.teamWorker.id, limit: 1).first?.readAt == nil)
      #expect(try await t.store.unreadMessageCount(for: demo.family.id) == 26)
      for bad in [#"{"ids":[]}"#, #"{"ids":["nope"]}"#, #"{}"#, #"{"ids":["\#(newest.id)"],"idz":1}"#] {
        let refused = try await t.send(.POST, "/api/v1/messages/read", bearer: phone, json: bad)
        #expect(refused.status == .unprocessableEntity, "\(bad)")
      }
    }
  }
}
