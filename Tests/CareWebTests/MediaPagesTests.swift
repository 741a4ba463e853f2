import CareCases
import CareCore
import CareTestSupport
import Foundation
import Testing
import Vapor

@testable import CareStore
@testable import CareWeb

/// Media through the real server, on both engines: the person's consent given on the page, a video sent to
/// the API as a stream, refused when too large for its kind or not what it says, and played back by range
/// as a phone seeks; withdrawing the consent on the page removes it.
@Suite("Pages: media with consent")
struct MediaPagesTests {
  @Test(arguments: Engine.allCases)
  func consentUploadRangeAndWithdrawal(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let page = "/teams/\(demo.person.id)/media"
      let arranger = try await t.session(for: demo.arranger)
      // A bad consent form: every problem in the summary.
      let bad = try await t.send(
        .POST, "\(page)/consents", session: arranger, form: ["consentKind": "video", "keepDays": "0"])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains(##"<a href="#about">Enter what it covers</a>"##))
      #expect(bad.text.contains(##"<a href="#audience">Choose who may see them</a>"##))
      let given = try await t.send(
        .POST, "\(page)/consents", session: arranger,
        form: ["consentKind": "video", "about": "my physio exercises", "audience": "workers", "keepDays": "90"])
      #expect(given.status == .seeOther)
      var text = try await t.send(.GET, page, session: arranger).text
      #expect(text.contains("Videos: my physio exercises"))
      let consent = try #require(
        text.range(of: #"/media/consents/([0-9a-fA-F-]{36})/withdraw"#, options: .regularExpression).map {
          String(text[$0].dropFirst("/media/consents/".count).prefix(36))
        })
      // The worker sends a video as a stream; the type comes from the bytes.
      let worker = try await t.session(for: demo.teamWorker)
      let phone = try await t.session(for: demo.teamWorker, kind: "api")
      let video: [UInt8] = [0, 0, 0, 0x18] + Array("ftypmp42".utf8) + (0..<5000).map { UInt8($0 % 251) }
      let upload = "/api/v1/teams/\(demo.person.id)/media?kind=video&caption=Knee%20bends&consentID=\(consent)"
      let sent = try await t.send(.POST, upload, bearer: phone, bytes: video)
      #expect(sent.status == .created)
      let item = try JSONDecoder().decode(ItemOut.self, from: Data(buffer: sent.body))
      #expect(item.contentType == "video/mp4" && item.bytes == video.count)
      // Not a video, though called one: 415 with the reason; too large for a photo: 413.
      let notVideo = try await t.send(.POST, upload, bearer: phone, bytes: Array("just some text".utf8))
      #expect(notVideo.status == .unsupportedMediaType)
      #expect(notVideo.text.contains("That is not a video we can keep: send MP4 or WebM"))
      // The family member cannot see it (workers only); a phone seeking gets the range it asked for.
      let family = try await t.session(for: demo.family)
      #expect(try await t.send(.GET, "/media/\(item.id)", session: family).status == .notFound)
      let whole = try await t.send(.GET, "/media/\(item.id)", session: worker)
      #expect(whole.status == .ok && Array(buffer: whole.body) == video)
      #expect(whole.headers.first(name: .acceptRanges) == "bytes")
      #expect(whole.headers.first(name: .contentType) == "video/mp4")
      let part = try await t.send(.GET, item.content, bearer: phone, headers: ["Range": "bytes=4-11"])
      #expect(part.status == .partialContent)
      #expect(part.headers.first(name: .contentRange) == "bytes 4-11/\(video.count)")
      #expect(Array(buffer: part.body) == Array("ftypmp42".utf8))
      let outside = try await t.send(
        .GET, "/media/\(item.id)", session: worker, headers: ["Range": "bytes=\(video.count)-"])
      #expect(outside.status == .rangeNotSatisfiable)
      #expect(outside.headers.first(name: .contentRange) == "bytes */\(video.count)")
      // Shown on the page as a player; withdrawn there, it goes.
      text = try await t.send(.GET, page, session: worker).text
      #expect(text.contains(#"<video controls="controls" preload="none" class="media-video" src="/media/\#(item.id)""#))
      #expect(
        try await t.send(.POST, "\(page)/consents/\(consent)/withdraw", session: arranger, form: [:]).status
          == .seeOther)
      #expect(try await t.send(.GET, "/media/\(item.id)", session: worker).status == .notFound)
      text = try await t.send(.GET, page, session: arranger).text
      #expect(text.contains("Video removed on") && text.contains("consent withdrawn"))
    }
  }

  struct ItemOut: Decodable {
    let id: String
    let contentType: String
    let bytes: Int
    let content: String
  }

  @Test(
    arguments: [
      ("bytes=0-9", ByteRange.from(0, through: 9)), ("bytes=10-", .from(10, through: nil)), ("bytes=-5", .suffix(5)),
      ("bytes=5-2", nil), ("bytes=0-1,4-5", nil), ("items=0-1", nil), ("bytes=x-1", nil), ("bytes=-", nil),
    ] as [(String, ByteRange?)])
  func rangeHeaders(header: String, expected: ByteRange?) {
    #expect(ByteRange.parse(header) == expected)
  }

  /// A form as a browser sends it with a file: the fields in order, the file last.
  static func multipart(
    _ fields: [(String, String)], file: [UInt8], boundary: String, fileName: String = "../../etc/passwd",
    type: String = "image/png"
  ) -> [UInt8] {
    var out: [UInt8] = []
    for (name, value) in fields {
      out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }
    out += Array(
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n"
        .utf8)
    out += file
    out += Array("\r\n--\(boundary)--\r\n".utf8)
    return out
  }

  @Test(arguments: Engine.allCases)
  func theUploadFormStreamsAFileUnderAConsent(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let page = "/teams/\(demo.person.id)/media"
      let person = try await t.session(for: demo.personAccount)
      let worker = try await t.session(for: demo.teamWorker)
      // Nothing agreed yet: the worker may only ask; the person sees the form with "just this one".
      #expect(try await t.send(.GET, page, session: worker).text.contains("None of these: ask"))
      #expect(try await t.send(.GET, page, session: person).text.contains(#"enctype="multipart/form-data""#))
      let boundary = "----carecoop-test-7Q"
      let type = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
      // A PNG's first bytes, then what could be mistaken for a boundary (CRs, dashes) many times over.
      let png: [UInt8] =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        + Array(repeating: Array("\r\n--\(String(repeating: "-", count: 4))carecoop-test\r\r\n-".utf8), count: 9000)
        .joined()
      func form(_ token: String, _ fields: [(String, String)], file: [UInt8] = png) -> [UInt8] {
        Self.multipart([("csrf_token", token)] + fields, file: file, boundary: boundary)
      }
      let token = try await t.csrfToken(session: person)
      // Without the token nothing is kept (403, the form has expired).
      let forged = try await t.send(
        .POST, page, session: person,
        bytes: Self.multipart([("kind", "photo")], file: png, boundary: boundary), headers: type)
      #expect(forged.status == .forbidden)
      // Problems all at once, the fields kept; a text file called a photo is refused from its bytes.
      let bad = try await t.send(
        .POST, page, session: person,
        bytes: form(token, [("kind", "photo"), ("consentID", "item"), ("itemKeepDays", "0")]),
        headers: type)
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains(##"<a href="#caption">Enter what it shows</a>"##))
      #expect(bad.text.contains(##"<a href="#itemAudience">Choose who may see it</a>"##))
      let notPhoto = try await t.send(
        .POST, page, session: person,
        bytes: form(
          token,
          [
            ("kind", "photo"), ("caption", "Me"), ("consentID", "item"), ("itemAudience", "personOnly"),
            ("itemKeepDays", "30"),
          ], file: Array("not a picture at all".utf8)), headers: type)
      #expect(notPhoto.status == .unsupportedMediaType)
      #expect(notPhoto.text.contains("That is not a photo we can keep: send JPEG, PNG or WebP"))
      #expect(notPhoto.text.contains(#"value="Me""#))
      // The person's own yes to this one: kept, shown to them, not to the worker.
      let sent = try await t.send(
        .POST, page, session: person,
        bytes: form(
          token,
          [
            ("kind", "photo"), ("caption", "Me at the fair"), ("consentID", "item"), ("itemAudience", "personOnly"),
            ("itemKeepDays", "30"), ("visitID", ""),
          ]), headers: type)
      #expect(sent.status == .seeOther)
      let mine = try await t.send(.GET, page, session: person).text
      #expect(mine.contains("Me at the fair") && mine.contains(#"<img src="/media/"#))
      // Kept byte for byte, whatever the file holds (and never under the name the browser sent).
      let src = try #require(
        mine.range(of: #"<img src="(/media/[0-9a-fA-F-]{36})""#, options: .regularExpression).map {
          String(mine[$0].dropFirst(#"<img src=""#.count).dropLast())
        })
      #expect(Array(buffer: try await t.send(.GET, src, session: person).body) == png)
      #expect(!(try await t.send(.GET, page, session: worker).text.contains("Me at the fair")))
    }
  }

  /// A worker's photo of a key meeting, sent through the form with no consent to cover it: the person sees it
  /// waiting with its own answer form, a yes without who may see it is refused with the problem shown, a yes
  /// with it keeps it, and a second answer through the API is a conflict.
  @Test(arguments: Engine.allCases)
  func aWorkersPhotoOfAMeetingWaitsForThePersonsAnswer(engine: Engine) async throws {
    try await TestApp.with(engine: engine) { t in
      let (demo, _) = try await t.seedDemo()
      let page = "/teams/\(demo.person.id)/media"
      let worker = try await t.session(for: demo.teamWorker)
      let boundary = "----carecoop-test-9Z"
      let type = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
      let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 5, count: 300)
      let today = CoopCalendar.london.day(of: t.clock.env.now())
      let parts = today.iso.split(separator: "-").map(String.init)
      let fields = [
        ("kind", "photo"), ("caption", "The plan we drew"), ("consentID", "ask"), ("visitID", ""),
        ("meetingTitle", "Review of my support"), ("meetingDay-day", parts[2]), ("meetingDay-month", parts[1]),
        ("meetingDay-year", parts[0]),
      ]
      let token = try await t.csrfToken(session: worker)
      // A meeting without its day: refused with the field named.
      let noDay = try await t.send(
        .POST, page, session: worker,
        bytes: Self.multipart(
          [("csrf_token", token)] + fields.filter { !$0.0.hasPrefix("meetingDay") }, file: png, boundary: boundary),
        headers: type)
      #expect(noDay.status == .unprocessableEntity)
      #expect(noDay.text.contains(##"<a href="#meetingDay">Give the meeting's day</a>"##))
      let sent = try await t.send(
        .POST, page, session: worker,
        bytes: Self.multipart([("csrf_token", token)] + fields, file: png, boundary: boundary),
        headers: type)
      #expect(sent.status == .seeOther)
      let person = try await t.session(for: demo.personAccount)
      var text = try await t.send(.GET, page, session: person).text
      #expect(text.contains("From the meeting “Review of my support” on \(today.longText)."))
      #expect(text.contains("Waiting for") && text.contains("No, remove it now"))
      let id = try #require(
        text.range(of: #"/media/items/([0-9a-fA-F-]{36})/answer"#, options: .regularExpression).map {
          String(text[$0].dropFirst("/media/items/".count).prefix(36))
        })
      // The family do not see it while it waits.
      #expect(!(try await t.send(.GET, page, session: t.session(for: demo.family)).text.contains("The plan we drew")))
      let answer = "\(page)/items/\(id)/answer"
      let bad = try await t.send(
        .POST, answer, session: person, form: ["answer": "yes", "audience-\(id)": "", "keepDays-\(id)": "30"])
      #expect(bad.status == .unprocessableEntity)
      #expect(bad.text.contains(##"<a href="#audience-\##(id)">Choose who may see it</a>"##))
      let yes = try await t.send(
        .POST, answer, session: person,
        form: ["answer": "yes", "audience-\(id)": "wholeTeam", "keepDays-\(id)": "30"])
      #expect(yes.status == .seeOther)
      text = try await t.send(.GET, page, session: t.session(for: demo.family)).text
      #expect(text.contains("The plan we drew") && !text.contains("No, remove it now"))
      let phone = try await t.session(for: demo.arranger, kind: "api")
      let again = try await t.send(
        .POST, "/api/v1/teams/\(demo.person.id)/media/items/\(id)/answer", bearer: phone, json: #"{"answer":"no"}"#)
      #expect(again.status == .conflict)
    }
  }
}
