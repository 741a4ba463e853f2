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
}
