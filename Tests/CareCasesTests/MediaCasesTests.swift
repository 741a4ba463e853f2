import CareCore
import CareTestSupport
import Foundation
import Testing

@testable import CareCases
@testable import CareStore

/// Photos, voice notes and videos on both engines: kept only under the person's consent, seen only by those
/// the person chose, told from their bytes, stopped at their limit, read back by range, removed when the
/// consent is withdrawn or their time is up, every look in the who-looked log, and nothing left on disk by a
/// refused upload.
@Suite("Use cases: media with consent")
struct MediaCasesTests {
  /// The start of a real PNG, then filler: enough for the type to be told from the bytes.
  static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 992)
  static let mp4: [UInt8] = [0, 0, 0, 0x18] + Array("ftypisom".utf8) + Array(repeating: 3, count: 4084)

  struct World {
    let demo: DemoCoop
    let person: Requester
    let arranger: Requester
    let family: Requester
    let worker: Requester
    let outsider: Requester
    let admin: Requester
  }

  static func world(_ w: CasesWorld) async throws -> World {
    let demo = try await w.store.seedDemo(passwordHash: "x", env: w.clock.env)
    return World(
      demo: demo, person: try await w.cases.requester(for: demo.personAccount),
      arranger: try await w.cases.requester(for: demo.arranger), family: try await w.cases.requester(for: demo.family),
      worker: try await w.cases.requester(for: demo.teamWorker),
      outsider: try await w.cases.requester(for: demo.otherCircleWorker),
      admin: try await w.cases.requester(for: demo.admin))
  }

  /// Every file under the storage folder, temporary ones included.
  static func filesOnDisk(_ w: CasesWorld) -> [String] {
    let root = (w.cases.files as! DiskFileStorage).root
    let all = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])?
      .compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    return (all ?? []).map(\.lastPathComponent)
  }

  static func bytes(_ content: MediaContent) async throws -> [UInt8] {
    var out: [UInt8] = []
    for try await chunk in content.chunks { out += chunk }
    return out
  }

  @Test(arguments: Engine.allCases)
  func anItemUnderAStandingConsentIsSeenAsThePersonChose(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let person = x.demo.person.id
      // Only the person's side gives consent.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.giveMediaConsent(
          MediaConsentTerms(kind: .video, about: "physio", audience: .workers, keepDays: 30), person: person,
          by: x.worker)
      }
      let consent = try await w.cases.giveMediaConsent(
        MediaConsentTerms(kind: .video, about: "my physio exercises", audience: .workers, keepDays: 30),
        person: person, by: x.arranger)
      let item = try await w.cases.addMedia(
        NewMediaItem(kind: .video, caption: "Knee bends", consentID: consent.id), person: person,
        chunks: ChunkList([Array(Self.mp4[..<5]), Array(Self.mp4[5...])]), by: x.worker)
      #expect(item.contentType == "video/mp4" && item.bytes == Self.mp4.count && item.audience == .workers)
      #expect(item.keepUntil == w.clock.env.now().addingTimeInterval(30 * 86_400))
      // The worker, the person and the registered manager see it; family do not (workers only), nor outsiders.
      #expect(try await w.cases.media(person, by: x.worker).items.map(\.id) == [item.id])
      #expect(try await w.cases.media(person, by: x.person).items.map(\.id) == [item.id])
      #expect(try await w.cases.media(person, by: x.family).items.isEmpty)
      await #expect(throws: CareError.notFound) {
        try await w.cases.mediaContent(item.id, range: nil, by: x.family)
      }
      await #expect(throws: CareError.notFound) { try await w.cases.media(person, by: x.outsider) }
      await #expect(throws: CareError.notFound) {
        try await w.cases.mediaContent(item.id, range: nil, by: x.outsider)
      }
      // The whole, and a range, read back as sent; a range outside the file is refused with its size.
      #expect(try await Self.bytes(try await w.cases.mediaContent(item.id, range: nil, by: x.person)) == Self.mp4)
      let part = try await w.cases.mediaContent(item.id, range: .from(4, through: 11), by: x.person)
      #expect(part.range == 4...11 && part.total == Self.mp4.count)
      #expect(try await Self.bytes(part) == Array("ftypisom".utf8))
      let tail = try await w.cases.mediaContent(item.id, range: .suffix(10), by: x.worker)
      #expect(try await Self.bytes(tail) == Array(Self.mp4.suffix(10)))
      await #expect(throws: FileStorageError.outOfRange(total: Self.mp4.count)) {
        try await w.cases.mediaContent(item.id, range: .from(Self.mp4.count, through: nil), by: x.person)
      }
      // Every look is in the person's who-looked log, by name of the item.
      let looks = try await w.store.auditEvents(coop: x.demo.coop.id, person: person).filter { $0.action == .viewMedia }
      // One line for each reader's look, whatever ranges the player asked for; a look later is a new line.
      #expect(
        looks.filter { $0.detail == "video “Knee bends”" }.map(\.actorID) == [x.worker.account.id, x.person.account.id])
      w.clock.advance(601)
      _ = try await w.cases.mediaContent(item.id, range: .from(100, through: nil), by: x.person)
      #expect(
        try await w.store.auditEvents(coop: x.demo.coop.id, person: person).filter { $0.action == .viewMedia }
          .filter { $0.detail == "video “Knee bends”" }.count == 3)
      #expect(looks.contains { $0.actorID == x.worker.account.id && $0.detail.hasPrefix("the list") })
    }
  }

  @Test(arguments: Engine.allCases)
  func withoutTheRightConsentNothingIsKept(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let person = x.demo.person.id
      let photos = try await w.cases.giveMediaConsent(
        MediaConsentTerms(kind: .photo, about: "my garden", audience: .wholeTeam, keepDays: 365), person: person,
        by: x.person)
      // A consent of another kind; a withdrawn one (below); the person's own yes without its terms.
      await #expect(
        throws: CareError.invalid([
          FieldError("audience", "Choose who may see it, or a consent that covers it"),
          FieldError("keepDays", "Say how many days to keep it, or choose a consent that covers it"),
        ])
      ) {
        try await w.cases.addMedia(
          NewMediaItem(kind: .photo, caption: "Garden"), person: person, chunks: ChunkList([Self.png]), by: x.person)
      }
      await #expect(throws: CareError.invalid("consentID", "That consent is for a photo, not a video")) {
        try await w.cases.addMedia(
          NewMediaItem(kind: .video, caption: "Garden", consentID: photos.id), person: person,
          chunks: ChunkList([Self.mp4]), by: x.worker)
      }
      // The bytes decide the type, not what the sender says: a "photo" that is a video is refused (415).
      await #expect(
        throws: CareError.unsupportedType(
          FieldError("file", "That is not a photo we can keep: send JPEG, PNG or WebP"))
      ) {
        try await w.cases.addMedia(
          NewMediaItem(kind: .photo, caption: "Garden", consentID: photos.id), person: person,
          chunks: ChunkList([Self.mp4]), by: x.worker)
      }
      // Over the kind's limit: stopped there (413).
      let megabyte = [UInt8](repeating: 1, count: 1024 * 1024)
      let big = [Array(Self.png[..<16])] + Array(repeating: megabyte, count: 21)
      do {
        try await w.cases.addMedia(
          NewMediaItem(kind: .photo, caption: "Too big", consentID: photos.id), person: person,
          chunks: ChunkList(big), by: x.worker)
        Issue.record("a 21 MB photo was kept")
      } catch let error as CareError {
        guard case .tooLarge(let field) = error else { throw error }
        #expect(field.message == "A photo can be 20 MB at most: this one is larger")
      }
      // Someone outside the team cannot send at all.
      await #expect(throws: CareError.notFound) {
        try await w.cases.addMedia(
          NewMediaItem(kind: .photo, caption: "Garden", consentID: photos.id), person: person,
          chunks: ChunkList([Self.png]), by: x.outsider)
      }
      #expect(Self.filesOnDisk(w).isEmpty)
      #expect(try await w.cases.media(person, by: x.person).items.isEmpty)
      // The person's own yes to one item, kept for them alone.
      let own = try await w.cases.addMedia(
        NewMediaItem(kind: .photo, caption: "Me at the fair", audience: .personOnly, keepDays: 7), person: person,
        chunks: ChunkList([Self.png]), by: x.person)
      #expect(own.consentID == nil && own.audience == .personOnly)
      #expect(try await w.cases.media(person, by: x.worker).items.isEmpty)
      #expect(try await w.cases.media(person, by: x.arranger).items.map(\.id) == [own.id])
      #expect(Self.filesOnDisk(w) == [own.id.rawValue.lowercasedString])
    }
  }

  @Test(arguments: Engine.allCases)
  func withdrawingAConsentOrReachingTheDayRemovesTheItems(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let person = x.demo.person.id
      let photos = try await w.cases.giveMediaConsent(
        MediaConsentTerms(kind: .photo, about: "my garden", audience: .wholeTeam, keepDays: 365), person: person,
        by: x.arranger)
      let underConsent = try await w.cases.addMedia(
        NewMediaItem(kind: .photo, caption: "Roses", consentID: photos.id), person: person,
        chunks: ChunkList([Self.png]), by: x.worker)
      let shortLived = try await w.cases.addMedia(
        NewMediaItem(kind: .photo, caption: "Lunch", audience: .wholeTeam, keepDays: 2), person: person,
        chunks: ChunkList([Self.png]), by: x.person)
      // Withdrawn: the item goes with it, its bytes too; the person still sees that it went, and why.
      #expect(try await w.cases.withdrawMediaConsent(photos.id, person: person, by: x.person) == 1)
      await #expect(throws: CareError.conflict(FieldError("consent", "This consent has already been withdrawn"))) {
        try await w.cases.withdrawMediaConsent(photos.id, person: person, by: x.arranger)
      }
      await #expect(throws: CareError.notFound) {
        try await w.cases.mediaContent(underConsent.id, range: nil, by: x.person)
      }
      let seen = try await w.cases.media(person, by: x.person)
      #expect(seen.items.first { $0.id == underConsent.id }?.removedBecause == "consent withdrawn")
      #expect(try await w.cases.media(person, by: x.family).items.map(\.id) == [shortLived.id])
      await #expect(throws: CareError.invalid("consentID", "That consent has been withdrawn: ask the person again")) {
        try await w.cases.addMedia(
          NewMediaItem(kind: .photo, caption: "More roses", consentID: photos.id), person: person,
          chunks: ChunkList([Self.png]), by: x.worker)
      }
      // The expiry job: nothing before the day, the item on it, with a line in the person's log.
      w.clock.advance(86_400)
      #expect(try await w.cases.expireMedia() == 0)
      w.clock.advance(86_400 + 1)
      #expect(try await w.cases.expireMedia() == 1)
      #expect(try await w.cases.expireMedia() == 0)
      #expect(Self.filesOnDisk(w).isEmpty)
      let log = try await w.store.auditEvents(coop: x.demo.coop.id, person: person)
      #expect(log.contains { $0.action == .removeMedia && $0.detail.contains("Lunch") && $0.actorID == nil })
      #expect(log.contains { $0.action == .withdrawMediaConsent && $0.detail == "photo: my garden; 1 item removed" })
    }
  }

  /// A worker's photo with no consent to cover it: kept for the person alone while they are asked (they and
  /// their arranger are told), then yes (seen by whom they chose, kept as long as they said), no (removed at
  /// once, bytes too) or no answer in 7 days (removed by the expiry job); answered once. Items may be from a
  /// key meeting instead of a visit.
  @Test(arguments: Engine.allCases)
  func aWorkersItemWaitsForThePersonsYes(engine: Engine) async throws {
    try await withCases(engine) { w in
      let x = try await Self.world(w)
      let person = x.demo.person.id
      let review = MediaMeeting(title: "Review of my support", day: w.cases.today.adding(days: -1))
      func send(_ caption: String, meeting: MediaMeeting? = nil) async throws -> MediaItem {
        try await w.cases.addMedia(
          NewMediaItem(kind: .photo, meeting: meeting, caption: caption), person: person,
          chunks: ChunkList([Self.png]), by: x.worker)
      }
      let plan = try await send("The plan we drew", meeting: review)
      #expect(plan.isAwaitingYes && plan.audience == .personOnly && plan.meeting == review)
      #expect(plan.keepUntil == w.clock.env.now().addingTimeInterval(7 * 86_400))
      // Told: the person and the arranger, each with a link to the page that asks.
      for who in [x.person, x.arranger] {
        let told = try await w.cases.messages(by: who).first { $0.subject == "May we keep this photo?" }
        #expect(told?.link == "/teams/\(person)/media" && told?.body.contains("The plan we drew") == true)
      }
      #expect(try await w.cases.messages(by: x.family).allSatisfy { !$0.subject.hasPrefix("May we keep") })
      // While asked: the person, the arranger and the sender see it; the rest of the team does not.
      #expect(try await w.cases.media(person, by: x.arranger).awaiting.map(\.id) == [plan.id])
      #expect(try await w.cases.media(person, by: x.worker).items.map(\.id) == [plan.id])
      #expect(try await w.cases.media(person, by: x.family).items.isEmpty)
      #expect(try await w.cases.media(person, by: x.admin).items.isEmpty)
      // Only the person's side answers.
      await #expect(throws: CareError.forbidden) {
        try await w.cases.answerMediaRequest(plan.id, answer: .no, person: person, by: x.worker)
      }
      await #expect(throws: CareError.invalid("keepDays", "Give a number of days from 1 to 3653")) {
        try await w.cases.answerMediaRequest(plan.id, answer: .yes(.workers, keepDays: 0), person: person, by: x.person)
      }
      // Yes: seen by the workers now, kept 30 days from the answer; answered once.
      w.clock.advance(3600)
      let kept = try await w.cases.answerMediaRequest(
        plan.id, answer: .yes(.workers, keepDays: 30), person: person, by: x.person)
      #expect(!kept.isAwaitingYes && kept.isKept && kept.audience == .workers && kept.answeredBy == x.person.account.id)
      #expect(kept.keepUntil == w.clock.env.now().addingTimeInterval(30 * 86_400))
      #expect(try await w.cases.media(person, by: x.admin).items.map(\.id) == [plan.id])
      #expect(try await w.cases.media(person, by: x.family).items.isEmpty)
      await #expect(throws: CareError.conflict(FieldError("answer", "This item is not waiting for an answer"))) {
        try await w.cases.answerMediaRequest(plan.id, answer: .no, person: person, by: x.arranger)
      }
      // No: removed at once, its bytes with it; the person still sees that it went, and why.
      let blurred = try await send("Blurred")
      let gone = try await w.cases.answerMediaRequest(blurred.id, answer: .no, person: person, by: x.arranger)
      #expect(!gone.isKept && gone.removedBecause == "the person said no")
      await #expect(throws: CareError.notFound) { try await w.cases.mediaContent(blurred.id, range: nil, by: x.person) }
      #expect(!Self.filesOnDisk(w).contains(blurred.id.rawValue.lowercasedString))
      // No answer: the expiry job removes it after 7 days (the answered one stays).
      let unanswered = try await send("Lunch")
      w.clock.advance(7 * 86_400 - 60)
      #expect(try await w.cases.expireMedia() == 0)
      w.clock.advance(61)
      #expect(try await w.cases.expireMedia() == 1)
      let seen = try await w.cases.media(person, by: x.person).items
      #expect(seen.first { $0.id == unanswered.id }?.removedBecause == "not agreed to within 7 days")
      #expect(seen.first { $0.id == plan.id }?.isKept == true)
      #expect(Self.filesOnDisk(w) == [plan.id.rawValue.lowercasedString])
      let log = try await w.store.auditEvents(coop: x.demo.coop.id, person: person)
      #expect(
        log.contains { $0.action == .addMedia && $0.detail.hasSuffix("no consent covers it: the person is asked") })
      #expect(log.contains { $0.action == .answerMediaRequest && $0.detail.hasPrefix("yes to the photo “The plan") })
      #expect(log.contains { $0.action == .answerMediaRequest && $0.detail == "no to the photo “Blurred”: removed" })
      // A meeting and a visit at once, or a meeting that has not happened yet: refused, nothing kept.
      let visit = ID<RotaVisit>(UUID())  // refused before any visit is looked up
      await #expect(throws: CareError.invalid("visitID", "Choose a visit or a meeting, not both")) {
        try await w.cases.addMedia(
          NewMediaItem(kind: .photo, visitID: visit, meeting: review, caption: "Both"), person: person,
          chunks: ChunkList([Self.png]), by: x.worker)
      }
      await #expect(throws: CareError.invalid("meetingDay", "The meeting's day cannot be after today")) {
        _ = try await send("Soon", meeting: MediaMeeting(title: "Next review", day: w.cases.today.adding(days: 1)))
      }
      #expect(Self.filesOnDisk(w) == [plan.id.rawValue.lowercasedString])
    }
  }

  @Test(
    arguments: [
      (ByteRange.from(0, through: 9), 0...9), (.from(90, through: 200), 90...99), (.from(100, through: nil), nil),
      (.from(10, through: nil), 10...99), (.suffix(500), 0...99), (.suffix(5), 95...99), (.suffix(0), nil),
    ] as [(ByteRange, ClosedRange<Int>?)])
  func aRangeIsCutToTheFile(range: ByteRange, expected: ClosedRange<Int>?) {
    #expect(range.resolved(total: 100) == expected)
  }
}
