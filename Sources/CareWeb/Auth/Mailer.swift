import Logging

/// Sends email. In development and tests the message is written to the log (and kept, for tests);
/// a real transport plugs in here.
protocol Mailer: Sendable {
  func send(to: String, subject: String, body: String) async
}

actor LogMailer: Mailer {
  struct Message: Sendable {
    let to: String
    let subject: String
    let body: String
  }
  let logger: Logger
  private(set) var sent: [Message] = []

  init(logger: Logger) { self.logger = logger }

  func send(to: String, subject: String, body: String) async {
    sent.append(Message(to: to, subject: subject, body: body))
    logger.notice("mail to \(to): \(subject)\n\(body)")
  }
}
