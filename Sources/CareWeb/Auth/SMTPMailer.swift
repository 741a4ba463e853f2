import CareCases
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Where mail goes: an SMTP server (RFC 5321) from the environment.
struct SMTPSettings: Sendable, Equatable {
  enum Security: String, Sendable {
    /// Plain connection upgraded with STARTTLS before anything is said (RFC 3207): port 587.
    case startTLS = "starttls"
    /// TLS from the first byte (RFC 8314): port 465.
    case tls
    /// No encryption: only for a relay on the same machine or network.
    case none
  }

  var host: String
  var port: Int
  var security: Security
  var username: String?
  var password: String?
  /// The sender's address (`From:` and the envelope).
  var from: String
  /// A CA certificate file (PEM) to trust besides the system's, for a private mail server.
  var caFile: String?
}

/// Sends each message over its own SMTP connection: EHLO, STARTTLS when asked, AUTH PLAIN when given a
/// user, MAIL FROM, RCPT TO, DATA, QUIT. Any reply other than the one expected throws, so the job that
/// sent it tries again later.
struct SMTPMailer: Mailer {
  let settings: SMTPSettings
  let group: any EventLoopGroup
  let logger: Logger

  enum Failure: Error, CustomStringConvertible {
    case unexpected(command: String, reply: String)
    case closed
    case badAddress(String)
    var description: String {
      switch self {
      case .unexpected(let command, let reply): "SMTP \(command): \(reply)"
      case .closed: "SMTP: the server closed the connection"
      case .badAddress(let address): "SMTP: not a mail address: \(address)"
      }
    }
  }

  func send(to: String, subject: String, body: String) async throws {
    guard Self.isPlainAddress(to), Self.isPlainAddress(settings.from) else {
      throw Failure.badAddress(Self.isPlainAddress(to) ? settings.from : to)
    }
    let replies = SMTPReplies()
    let tls = try Self.tlsContext(settings)
    let channel = try await ClientBootstrap(group: group)
      .connectTimeout(.seconds(15))
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          if settings.security == .tls {
            try channel.pipeline.syncOperations.addHandler(
              try NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(settings.host)))
          }
          try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder()))
          try channel.pipeline.syncOperations.addHandler(replies)
        }
      }
      .connect(host: settings.host, port: settings.port).get()
    do {
      try await converse(channel, replies, tls: tls, to: to, subject: subject, body: body)
      try? await channel.close()
    } catch {
      try? await channel.close()
      throw error
    }
    logger.info("mail sent", metadata: ["to": .string(to), "subject": .string(subject)])
  }

  private func converse(
    _ channel: any Channel, _ replies: SMTPReplies, tls: NIOSSLContext, to: String, subject: String, body: String
  ) async throws {
    func say(_ line: String?, expect code: Int, as name: String) async throws -> SMTPReply {
      if let line {
        var buffer = channel.allocator.buffer(capacity: line.utf8.count + 2)
        buffer.writeString(line + "\r\n")
        try await channel.writeAndFlush(buffer)
      }
      guard let reply = try await replies.next() else { throw Failure.closed }
      guard reply.code == code else { throw Failure.unexpected(command: name, reply: reply.text) }
      return reply
    }
    let me = "carecoop.localhost"
    _ = try await say(nil, expect: 220, as: "greeting")
    var hello = try await say("EHLO \(me)", expect: 250, as: "EHLO")
    if settings.security == .startTLS {
      guard hello.offers("STARTTLS") else {
        throw Failure.unexpected(command: "STARTTLS", reply: "the server does not offer STARTTLS")
      }
      _ = try await say("STARTTLS", expect: 220, as: "STARTTLS")
      try await channel.pipeline.addHandler(
        try NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(settings.host)), position: .first)
      hello = try await say("EHLO \(me)", expect: 250, as: "EHLO after STARTTLS")
    }
    if let user = settings.username, let password = settings.password {
      let token = Data("\0\(user)\0\(password)".utf8).base64EncodedString()
      _ = try await say("AUTH PLAIN \(token)", expect: 235, as: "AUTH")
    }
    _ = try await say("MAIL FROM:<\(settings.from)>", expect: 250, as: "MAIL FROM")
    _ = try await say("RCPT TO:<\(to)>", expect: 250, as: "RCPT TO")
    _ = try await say("DATA", expect: 354, as: "DATA")
    _ = try await say(
      Self.message(from: settings.from, to: to, subject: subject, body: body, date: Date(), id: UUID()) + "\r\n.",
      expect: 250, as: "the message")
    _ = try? await say("QUIT", expect: 221, as: "QUIT")
  }

  /// The message (RFC 5322, MIME): headers with the subject encoded when not plain ASCII, the body in
  /// base64 lines of 76 characters (so no line of it can start with a dot or be too long).
  static func message(from: String, to: String, subject: String, body: String, date: Date, id: UUID) -> String {
    let subjectLine =
      subject.allSatisfy { $0.isASCII && !$0.isNewline }
      ? subject : "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
    let domain = from.split(separator: "@").last.map(String.init) ?? "carecoop.localhost"
    let encoded = Data(
      body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8
    )
    .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    return [
      "From: CareCoop <\(from)>", "To: <\(to)>", "Subject: \(subjectLine)", "Date: \(formatter.string(from: date))",
      "Message-ID: <\(id.uuidString.lowercased())@\(domain)>", "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", encoded,
    ].joined(separator: "\r\n")
  }

  /// An address with nothing in it that could end a command or add a header.
  static func isPlainAddress(_ address: String) -> Bool {
    let parts = address.split(separator: "@", omittingEmptySubsequences: false)
    return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && address.utf8.count <= 254
      && address.unicodeScalars.allSatisfy {
        $0.value > 32 && $0.value < 127 && !"<>()[],;:\\\"".unicodeScalars.contains($0)
      }
  }

  /// Server name indication is for host names, not addresses.
  static func sniName(_ host: String) -> String? {
    host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
  }

  static func tlsContext(_ settings: SMTPSettings) throws -> NIOSSLContext {
    var configuration = TLSConfiguration.makeClientConfiguration()
    if let caFile = settings.caFile {
      configuration.additionalTrustRoots = [.file(caFile)]
    }
    return try NIOSSLContext(configuration: configuration)
  }
}

/// One reply of the server: its code and text (a multi-line reply's lines joined).
struct SMTPReply: Sendable {
  let code: Int
  let lines: [String]
  var text: String { "\(code) " + lines.joined(separator: " / ") }
  /// Whether an EHLO reply offers the extension.
  func offers(_ keyword: String) -> Bool {
    lines.contains { $0.uppercased() == keyword || $0.uppercased().hasPrefix(keyword + " ") }
  }
}

/// Splits what arrives into lines.
struct LineDecoder: ByteToMessageDecoder {
  typealias InboundOut = String
  mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
    guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return .needMoreData }
    let length = end - buffer.readerIndex
    var line = buffer.readString(length: length) ?? ""
    buffer.moveReaderIndex(forwardBy: 1)
    if line.hasSuffix("\r") { line.removeLast() }
    context.fireChannelRead(wrapInboundOut(line))
    return .continue
  }
}

/// Gathers lines into replies ("250-…" lines continue, "250 …" ends one) and hands them over in order.
final class SMTPReplies: ChannelInboundHandler, @unchecked Sendable {
  typealias InboundIn = String
  private let stream: AsyncThrowingStream<SMTPReply, any Error>
  private let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
  private var iterator: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator
  private var pending: [String] = []

  init() {
    (stream, continuation) = AsyncThrowingStream.makeStream()
    iterator = stream.makeAsyncIterator()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let line = unwrapInboundIn(data)
    guard line.count >= 3, let code = Int(line.prefix(3)) else {
      continuation.finish(throwing: SMTPMailer.Failure.unexpected(command: "reply", reply: line))
      return
    }
    let more = line.dropFirst(3).first == "-"
    pending.append(String(line.dropFirst(4)))
    if !more {
      continuation.yield(SMTPReply(code: code, lines: pending))
      pending = []
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    continuation.finish()
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    continuation.finish(throwing: error)
    context.close(promise: nil)
  }

  /// The next reply; nil when the connection closed. One reader only.
  func next() async throws -> SMTPReply? { try await iterator.next() }
}
