import CareCore
import FluentKit
import Foundation
import SQLKit

/// Messages the app keeps for each account (a published week's changes, cover offers, a change to the
/// person's visits waiting for their answer), each mailed too by a job queued in the same transaction, so
/// nobody depends on mail.
extension Store {
  /// Keeps the messages; their ids, in order.
  @discardableResult
  static func keep(_ messages: [NewMessage], coop: ID<Coop>, env: Effects, on db: any Database) async throws
    -> [ID<Message>]
  {
    guard !messages.isEmpty else { return [] }
    let now = env.now()
    var ids: [ID<Message>] = []
    var insert = (db as! any SQLDatabase).insert(into: "messages")
      .columns("id", "coop_id", "account_id", "at", "subject", "body", "link")
    for m in messages {
      let id = env.newID()
      ids.append(CareCore.ID(id))
      insert = insert.values(
        SQLBind(id), SQLBind(coop.rawValue), SQLBind(m.to.rawValue), SQLBind(now), SQLBind(m.subject),
        SQLBind(m.body), SQLBind(m.link))
    }
    try await insert.run()
    return ids
  }

  /// One message, for mailing it.
  public func message(_ id: ID<Message>) async throws -> Message? {
    try await MessageRow.find(id.rawValue, on: db).map { $0.value() }
  }

  /// The account's messages, newest first.
  public func messages(for account: ID<Account>, limit: Int = 50) async throws -> [Message] {
    try await MessageRow.query(on: db).filter(\.$accountID == account.rawValue).sort(\.$at, .descending)
      .sort(\.$id).range(..<limit).all().map { $0.value() }
  }

  /// One page of the account's messages, newest first (page 1 the newest; messages kept at the same moment
  /// in a fixed order), and whether there are older ones: one more than a page is read to know.
  public func messages(for account: ID<Account>, page: Int, perPage: Int) async throws
    -> (messages: [Message], hasOlder: Bool)
  {
    let start = (max(page, 1) - 1) * perPage
    let rows = try await MessageRow.query(on: db).filter(\.$accountID == account.rawValue)
      .sort(\.$at, .descending).sort(\.$id).range(start..<(start + perPage + 1)).all()
    return (rows.prefix(perPage).map { $0.value() }, rows.count > perPage)
  }

  /// How many of the account's messages have not been read yet.
  public func unreadMessageCount(for account: ID<Account>) async throws -> Int {
    try await MessageRow.query(on: db).filter(\.$accountID == account.rawValue).filter(\.$readAt == nil).count()
  }

  /// Marks the account's messages among `ids` read at `at` (one already read keeps the moment it was first
  /// read; another account's is left alone).
  public func markMessagesRead(_ ids: [ID<Message>], for account: ID<Account>, at: Date) async throws {
    guard !ids.isEmpty else { return }
    try await write { db in
      try await MessageRow.query(on: db).filter(\.$id ~~ ids.map(\.rawValue))
        .filter(\.$accountID == account.rawValue).filter(\.$readAt == nil).set(\.$readAt, to: at).update()
    }
  }

  /// Keeps messages for their accounts' coops and mails each (one transaction).
  public func keepMessages(_ messages: [NewMessage], mailJob: MailJob, env: Effects) async throws {
    guard !messages.isEmpty else { return }
    try await write { db in
      for message in messages {
        guard let account = try await AccountRow.find(message.to.rawValue, on: db) else { continue }
        try await Self.keepAndMail(
          [message], coop: CareCore.ID(account.coopID), mailJob: mailJob, env: env, on: db)
      }
    }
  }

  /// Keeps the messages and queues a mail job for each.
  static func keepAndMail(_ messages: [NewMessage], coop: ID<Coop>, mailJob: MailJob, env: Effects, on db: any Database)
    async throws
  {
    for id in try await keep(messages, coop: coop, env: env, on: db) {
      try await enqueue(mailJob.kind, payload: try mailJob.payload(id), runAt: nil, env: env, on: db)
    }
  }
}

/// How a kept message is mailed: the job kind and its payload for a message.
public struct MailJob: Sendable {
  public let kind: String
  public let payload: @Sendable (ID<Message>) throws -> String

  public init(kind: String, payload: @escaping @Sendable (ID<Message>) throws -> String) {
    self.kind = kind
    self.payload = payload
  }
}
