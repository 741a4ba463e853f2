import CareCases
import Logging

/// Without an SMTP server configured the message is written to the log (and kept, for tests); with one,
/// `SMTPMailer` sends it.
actor LogMailer: Mailer {
  struct Message: Sendable {
    let to: String
    let subject: String
    let body: String
  }
  let logger: Logger
  /// In production the body is never logged: its links (password, invitation) are secrets, and a log is
  /// read by people who must not be able to sign in as someone else.
  let withholdsBodies: Bool
  private(set) var sent: [Message] = []

  init(logger: Logger, withholdsBodies: Bool = false) {
    self.logger = logger
    self.withholdsBodies = withholdsBodies
  }

  func send(to: String, subject: String, body: String) async throws {
    if withholdsBodies {
      logger.warning("mail to \(to): \(subject) (not sent: no mail transport; body withheld, it holds a secret link)")
      return
    }
    sent.append(Message(to: to, subject: subject, body: body))
    logger.notice("mail to \(to): \(subject)\n\(body)")
  }
}
