import CareCases
import CareCore
import Foundation
import Testing

@testable import CareWeb

/// The SMTP transport's message and settings. (The browser suite sends through a real SMTP server with
/// STARTTLS and AUTH, and reads what arrived.)
@Suite("Mail: SMTP message and settings")
struct MailTests {
  @Test func theMessageIsMIMEWithAnEncodedSubjectAndBase64Body() throws {
    let text = SMTPMailer.message(
      from: "care@coop.example", to: "sam@example.org", subject: "Your visits – week of 7 December",
      body: "Hello Sam,\n.\nA line that starts with a dot, and é.", date: Date(timeIntervalSince1970: 0),
      id: UUID(uuidString: "00000000-0000-4000-8000-000000000001")!)
    let (head, body) = try #require(text.split(separator: "\r\n\r\n", maxSplits: 1).map(String.init).pairs)
    #expect(head.contains("From: CareCoop <care@coop.example>\r\n"))
    #expect(head.contains("To: <sam@example.org>\r\n"))
    #expect(head.contains("Subject: =?UTF-8?B?"))
    #expect(head.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
    #expect(head.contains("Message-ID: <00000000-0000-4000-8000-000000000001@coop.example>"))
    #expect(head.contains("Content-Transfer-Encoding: base64"))
    #expect(body.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 && !$0.hasPrefix(".") })
    let decoded = String(
      decoding: try #require(Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: ""))), as: UTF8.self)
    #expect(decoded == "Hello Sam,\r\n.\r\nA line that starts with a dot, and é.")
    #expect(
      SMTPMailer.message(from: "a@b.c", to: "d@e.f", subject: "Plain", body: "", date: Date(), id: UUID())
        .contains("Subject: Plain\r\n"))
  }

  @Test(arguments: [
    ("sam@example.org", true), ("sam@example.org\r\nRCPT TO:<x@y.z>", false), ("<sam@example.org>", false),
    ("no-at-sign", false), ("@example.org", false), ("sam@", false), ("sam smith@example.org", false),
  ])
  func onlyPlainAddressesReachTheConversation(address: String, plain: Bool) {
    #expect(SMTPMailer.isPlainAddress(address) == plain)
  }

  @Test func mailSettingsAreCheckedAtBoot() throws {
    let base = ["CARECOOP_SMTP_HOST": "mail.example.org", "CARECOOP_MAIL_FROM": "care@coop.example"]
    let config = try AppConfig.decode(mode: .development, base)
    #expect(
      config.smtp
        == SMTPSettings(
          host: "mail.example.org", port: 587, security: .startTLS, username: nil, password: nil,
          from: "care@coop.example", caFile: nil))
    #expect(try AppConfig.decode(mode: .development, [:]).smtp == nil, "no host: mail goes to the log")
    let bad: [([String: String], String)] = [
      (base.merging(["CARECOOP_SMTP_SECURITY": "ssl"]) { $1 }, "CARECOOP_SMTP_SECURITY"),
      (base.merging(["CARECOOP_SMTP_SECURITY": "none"]) { $1 }, "CARECOOP_SMTP_SECURITY"),
      (base.merging(["CARECOOP_SMTP_PORT": "70000"]) { $1 }, "CARECOOP_SMTP_PORT"),
      (base.merging(["CARECOOP_SMTP_USERNAME": "u"]) { $1 }, "CARECOOP_SMTP_PASSWORD"),
      (base.merging(["CARECOOP_MAIL_FROM": "nobody"]) { $1 }, "CARECOOP_MAIL_FROM"),
      (["CARECOOP_SMTP_HOST": "mail.example.org"], "CARECOOP_MAIL_FROM"),
      (base.merging(["CARECOOP_SMTP_CA_FILE": "/no/such/file.pem"]) { $1 }, "CARECOOP_SMTP_CA_FILE"),
    ]
    for (env, key) in bad {
      do {
        _ = try AppConfig.decode(mode: .development, env)
        Issue.record("\(env) was accepted")
      } catch let AppConfig.Problem.invalid(name, _) {
        #expect(name == key)
      }
    }
    let local = try AppConfig.decode(
      mode: .production,
      [
        "CARECOOP_SMTP_HOST": "localhost", "CARECOOP_SMTP_SECURITY": "none", "CARECOOP_MAIL_FROM": "a@b.org",
        "CARECOOP_PUBLIC_URL": "https://care.example.org",
      ])
    #expect(local.smtp?.security == SMTPSettings.Security.none)
  }
}

extension Array where Element == String {
  fileprivate var pairs: (String, String)? { count == 2 ? (self[0], self[1]) : nil }
}
