import Foundation

/// A notification kept in the app (a published week's changes, a cover offer), whether or not mail reached
/// the person: nobody depends on mail.
public struct Message: Sendable, Hashable, Identifiable {
  public let id: CareCore.ID<Message>
  public let accountID: CareCore.ID<Account>
  public let at: Date
  public let subject: String
  public let body: String
  /// A path inside the site the message is about.
  public let link: String?
  public let readAt: Date?

  public init(
    id: CareCore.ID<Message>, accountID: CareCore.ID<Account>, at: Date, subject: String, body: String, link: String?,
    readAt: Date?
  ) {
    self.id = id
    self.accountID = accountID
    self.at = at
    self.subject = subject
    self.body = body
    self.link = link
    self.readAt = readAt
  }
}

/// A message about to be kept for someone.
public struct NewMessage: Sendable, Hashable {
  public let to: ID<Account>
  public let subject: String
  public let body: String
  public let link: String?

  public init(to: ID<Account>, subject: String, body: String, link: String?) {
    self.to = to
    self.subject = subject
    self.body = body
    self.link = link
  }
}
