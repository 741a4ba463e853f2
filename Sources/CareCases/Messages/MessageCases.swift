import CareCore
import CareStore
import Foundation

/// One page of the signed-in member's messages, newest first. `messages` are as they were before this page
/// was shown: a message with no `readAt` is new to the reader now (and read from now on).
public struct MessagesModel: Sendable {
  public let messages: [Message]
  /// Pages run from 1 (the newest) to 100 000.
  public let page: Int
  public let hasOlder: Bool
}

/// Everything the app has told a member — a published week, a cover offer, a change waiting for their say,
/// a decision, a meeting's notice — kept for them to read back, and mailed too. Only their own.
extension Cases {
  public static let messagesPerPage = 25

  /// One page of the member's messages; those on it that were new are read from now on (the page shows
  /// which were new this once). Pages past the last are empty.
  public func messagesPage(page: Int, by requester: Requester) async throws -> MessagesModel {
    let page = min(max(page, 1), 100_000)
    let me = requester.account.id
    let (messages, hasOlder) = try await store.messages(for: me, page: page, perPage: Self.messagesPerPage)
    try await store.markMessagesRead(messages.filter { $0.readAt == nil }.map(\.id), for: me, at: effects.now())
    return MessagesModel(messages: messages, page: page, hasOlder: hasOlder)
  }

  /// One page of the member's messages for the app, newest first, as they are (reading them here marks none
  /// read: the app says which it showed).
  public func messages(page: Int = 1, by requester: Requester) async throws -> [Message] {
    try await store.messages(for: requester.account.id, page: page, perPage: Self.messagesPerPage).messages
  }

  /// Marks the member's messages named read (from the app: 1 to 100 ids, each a message id). One already read
  /// keeps its first moment; an id that is not theirs changes nothing.
  public func markMessagesRead(_ ids: [String]?, by requester: Requester) async throws {
    var v = Validator()
    let ids = ids ?? []
    if ids.isEmpty || ids.count > 100 { v.add("ids", "Name 1 to 100 messages") }
    let parsed = ids.compactMap { UUID(uuidString: $0) }
    if parsed.count != ids.count { v.add("ids", "Each message is named by its id") }
    try v.check()
    try await store.markMessagesRead(parsed.map { ID($0) }, for: requester.account.id, at: effects.now())
  }
}
