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
      .range(..<limit).all().map { $0.value() }
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
