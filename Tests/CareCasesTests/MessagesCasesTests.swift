import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// The member's messages, on both engines: newest first, a page at a time; the home page counts the new ones;
/// a page read marks only its own messages read (and only the reader's), and says which were new this once.
@Suite("Use cases: your messages")
struct MessagesCasesTests {
  @Test(arguments: Engine.allCases)
  func messagesArePagedNewestFirstAndReadWhenShown(engine: Engine) async throws {
    try await withCases(engine) { w in
      let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
      let family = try await w.cases.requester(for: demo.family)
      let worker = try await w.cases.requester(for: demo.teamWorker)
      #expect(try await w.cases.home(for: family).newMessages == 0)
      #expect(try await w.cases.messagesPage(page: 1, by: family).messages.isEmpty)
      // Thirty messages a minute apart, and one for the worker.
      for n in 1...30 {
        w.clock.advance(60)
        try await w.store.keepMessages(
          [NewMessage(to: demo.family.id, subject: "Message \(n)", body: "Body \(n)", link: nil)],
          mailJob: Cases.mailJob, env: w.clock.env)
      }
      try await w.store.keepMessages(
        [NewMessage(to: demo.teamWorker.id, subject: "For the worker", body: "Hello", link: "/my-week")],
        mailJob: Cases.mailJob, env: w.clock.env)
      #expect(try await w.cases.home(for: family).newMessages == 30)
      // Page 1: the newest 25, all new when shown; then read.
      var page = try await w.cases.messagesPage(page: 1, by: family)
      #expect(page.messages.map(\.subject) == (6...30).reversed().map { "Message \($0)" })
      #expect(page.hasOlder && page.page == 1 && page.messages.allSatisfy { $0.readAt == nil })
      #expect(try await w.cases.home(for: family).newMessages == 5)
      page = try await w.cases.messagesPage(page: 1, by: family)
      #expect(page.messages.allSatisfy { $0.readAt != nil })
      // Page 2: the five oldest, new; no older page. Past the last page: nothing. Out of range: page 1.
      page = try await w.cases.messagesPage(page: 2, by: family)
      #expect(page.messages.map(\.subject) == (1...5).reversed().map { "Message \($0)" })
      #expect(!page.hasOlder && page.messages.allSatisfy { $0.readAt == nil })
      #expect(try await w.cases.home(for: family).newMessages == 0)
      #expect(try await w.cases.messagesPage(page: 3, by: family).messages.isEmpty)
      #expect(try await w.cases.messagesPage(page: -4, by: family).page == 1)
      // The worker's message is theirs alone, still new.
      #expect(try await w.cases.home(for: worker).newMessages == 1)
      #expect(try await w.cases.messagesPage(page: 1, by: worker).messages.map(\.subject) == ["For the worker"])
    }
  }
}
