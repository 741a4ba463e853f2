import CareCore
import CareStore
import Foundation

/// The person's photos, voice notes and videos as the reader may see them, their consents, and what the
/// reader may do.
public struct MediaModel: Sendable {
  public let team: Team
  /// The items the reader may see, newest first (removed ones too, for the person: what went, and why).
  public let items: [MediaItem]
  public let consents: [MediaConsent]
  /// The person's visits of the last two weeks and today, to attach a new item to.
  public let visits: [RotaVisit]
  public let mayAdd: Bool
  public let mayConsent: Bool
  public let names: [ID<Account>: String]

  public var personName: String { team.personAccount.name }
  public func name(_ id: ID<Account>) -> String { names[id] ?? "someone no longer in the team" }
  public var consentsInForce: [MediaConsent] { consents.filter(\.isInForce) }
  /// Items a worker sent that wait for the person's yes or no (the person and arrangers answer them).
  public var awaiting: [MediaItem] { items.filter(\.isAwaitingYes) }
}

/// One item's bytes to send: the item, its size, the range sent (nil: all of it) and its chunks.
public struct MediaContent: Sendable {
  public let item: MediaItem
  public let total: Int
  public let range: ClosedRange<Int>?
  public let chunks: AsyncThrowingStream<[UInt8], any Error>
}

/// One byte range a reader asks for (HTTP `Range`): from a byte (to another, or to the end), or the last n.
public enum ByteRange: Sendable, Hashable {
  case from(Int, through: Int?)
  case suffix(Int)

  /// The bytes it names in a file of `total` bytes, cut at the end; nil when none of them are in it (416).
  public func resolved(total: Int) -> ClosedRange<Int>? {
    switch self {
    case .from(let start, let end):
      guard start < total, start >= 0 else { return nil }
      return start...min(end ?? total - 1, total - 1)
    case .suffix(let count):
      guard count > 0, total > 0 else { return nil }
      return max(0, total - count)...(total - 1)
    }
  }
}

extension MediaKind {
  /// The types a kind takes, told from the bytes.
  public var accepts: Set<MediaType> {
    switch self {
    case .photo: [.jpeg, .png, .webp]
    case .voice: [.mp3, .ogg, .wav, .webm, .mp4]
    case .video: [.mp4, .webm]
    }
  }

  /// The types in words for a refusal ("JPEG, PNG or WebP").
  public var acceptsText: String {
    switch self {
    case .photo: "JPEG, PNG or WebP"
    case .voice: "MP3, Ogg, WAV, WebM or MP4 audio"
    case .video: "MP4 or WebM"
    }
  }
}

/// Photos, voice notes and videos, each kept only under the person's consent: for a kind and a subject,
/// standing, or for the one item. The bytes stream to file storage (never whole in memory), are told from
/// their first bytes, and go when the consent is withdrawn or the agreed time is up.
extension Cases {
  /// How far back the upload form offers the person's visits.
  static let mediaVisitDays = 14

  public func media(_ personID: ID<Person>, by requester: Requester) async throws -> MediaModel {
    let (team, permit) = try await team(personID, for: requester) { .viewMedia($0) }
    let all = try await store.mediaItems(permit: permit)
    let mayConsent = allows(requester, .changeMediaConsent(TeamFacts(team)))
    let items = all.filter { $0.isSeen(by: requester, in: team) && ($0.isKept || mayConsent) }
    let consents = try await store.mediaConsents(permit: permit)
    try await store.logMediaLook(permit: permit, detail: "the list (\(items.count) items)", env: effects)
    let mayAdd = allows(requester, .addMedia(TeamFacts(team)))
    var visits: [RotaVisit] = []
    if mayAdd, let addPermit = try? AccessPolicy.permit(requester, .addMedia(TeamFacts(team))) {
      visits = try await store.publishedVisits(
        permit: addPermit, person: personID, from: today.adding(days: -Self.mediaVisitDays), through: today)
    }
    let ids = Set(items.map(\.uploadedBy) + consents.map(\.givenBy) + consents.compactMap(\.withdrawnBy))
    var names = try await store.accountNames(Array(ids))
    names[team.personAccount.id] = team.personAccount.name
    return MediaModel(
      team: team, items: items, consents: consents, visits: visits.sorted { ($0.day, $0.start) > ($1.day, $1.start) },
      mayAdd: mayAdd, mayConsent: mayConsent, names: names)
  }

  /// The person's standing yes.
  @discardableResult
  public func giveMediaConsent(_ terms: MediaConsentTerms, person personID: ID<Person>, by requester: Requester)
    async throws -> MediaConsent
  {
    let (_, permit) = try await team(personID, for: requester) { .changeMediaConsent($0) }
    return try await store.giveMediaConsent(terms, permit: permit, env: effects)
  }

  /// Withdraws a standing yes; the items kept under it are removed (rows marked in one transaction, then
  /// their bytes deleted). Returns how many went.
  @discardableResult
  public func withdrawMediaConsent(_ id: ID<MediaConsent>, person personID: ID<Person>, by requester: Requester)
    async throws -> Int
  {
    let (_, permit) = try await team(personID, for: requester) { .changeMediaConsent($0) }
    let removed = try await store.withdrawMediaConsent(id, permit: permit, env: effects)
    for item in removed { try? await files.delete(item.id.rawValue) }
    return removed.count
  }

  /// Whether the requester may give or withdraw the person's consent: asked before a body is read.
  public func checkMayChangeMediaConsent(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .changeMediaConsent($0) }
  }

  /// Whether the requester may add media for the person at all: asked before an upload's body is read, so a
  /// refused one is not streamed to disk first.
  public func checkMayAddMedia(_ personID: ID<Person>, by requester: Requester) async throws {
    _ = try await team(personID, for: requester) { .addMedia($0) }
  }

  /// Keeps an upload: the requester may add media, the details are right (before a byte is read), the
  /// bytes stream to storage under a new id, stopped at the kind's limit (`tooLarge`) or as soon as the
  /// first bytes show a type the kind does not take (`unsupportedType`); then the row, under the person's
  /// consent. Anything refused leaves no file behind.
  @discardableResult
  public func addMedia<Chunks: AsyncSequence & Sendable>(
    _ new: NewMediaItem, person personID: ID<Person>, chunks: Chunks, by requester: Requester
  ) async throws -> MediaItem where Chunks.Element == [UInt8] {
    let (_, permit) = try await team(personID, for: requester) { .addMedia($0) }
    let new = try new.validated()
    if let meeting = new.meeting, meeting.day > today {
      throw CareError.invalid("meetingDay", "The meeting's day cannot be after today")
    }
    let id = effects.newID()
    let upload = try await Upload.keep(
      chunks, in: files, id: id, accepts: new.kind.accepts, limit: new.kind.limit, what: "a \(new.kind.label)",
      limitText: new.kind.limitText, acceptsText: new.kind.acceptsText)
    let (stored, type) = (upload.stored, upload.type)
    do {
      return try await store.addMedia(
        new, kept: KeptMedia(id: id, contentType: type.mime, bytes: stored.bytes, sha256: stored.sha256),
        permit: permit, link: links.mediaPath(personID), env: effects)
    } catch {
      try? await files.delete(id)
      throw error
    }
  }

  /// The person's (or arranger's) yes or no to an item a worker sent without a consent to cover it; a no
  /// removes it at once (the row says so, then the bytes go).
  @discardableResult
  public func answerMediaRequest(
    _ id: ID<MediaItem>, answer: MediaAnswer, person personID: ID<Person>, by requester: Requester
  ) async throws -> MediaItem {
    let (_, permit) = try await team(personID, for: requester) { .changeMediaConsent($0) }
    let item = try await store.answerMediaRequest(id, answer: answer, permit: permit, env: effects)
    if !item.isKept { try? await files.delete(id.rawValue) }
    return item
  }

  /// Requests for one item by one reader within this many seconds are one look (a player asks for many
  /// ranges as it plays and seeks): one line in the who-looked log, not dozens.
  static let oneLook: TimeInterval = 600

  /// One item's bytes (a range of them, for a phone seeking in a video), for a reader its audience admits;
  /// the look goes in the person's who-looked log, once per `oneLook`, whichever range is asked for.
  public func mediaContent(_ id: ID<MediaItem>, range asked: ByteRange?, by requester: Requester) async throws
    -> MediaContent
  {
    guard let owner = try await store.mediaOwner(id) else { throw CareError.notFound }
    let (team, permit) = try await team(owner, for: requester) { .viewMedia($0) }
    guard let item = try await store.mediaItem(id, permit: permit), item.isKept, item.isSeen(by: requester, in: team)
    else { throw CareError.notFound }
    var range: ClosedRange<Int>?
    if let asked {
      guard let resolved = asked.resolved(total: item.bytes) else {
        throw FileStorageError.outOfRange(total: item.bytes)
      }
      range = resolved
    }
    guard let read = try await files.read(id.rawValue, range: range) else { throw CareError.notFound }
    let detail = "\(item.kind.label) “\(item.caption)”"
    let since = effects.now().addingTimeInterval(-Self.oneLook)
    if try await !store.hasLooked(permit: permit, detail: detail, since: since) {
      try await store.logMediaLook(permit: permit, detail: detail, env: effects)
    }
    return MediaContent(item: item, total: read.total, range: range, chunks: read.chunks)
  }

  /// The scheduled job: removes every item kept past the day agreed (rows marked and logged in the person's
  /// log, then the bytes deleted), and deletes again the bytes of items removed lately (a delete that failed
  /// before). Returns how many items it removed.
  @discardableResult
  public func expireMedia() async throws -> Int {
    let removed = try await store.expireMedia(env: effects)
    for item in removed { try? await files.delete(item.id.rawValue) }
    for id in try await store.recentlyRemovedMedia(env: effects) { try? await files.delete(id.rawValue) }
    return removed.count
  }
}

/// The first bytes of an upload were not of a type its kind takes.
struct UnsupportedMedia: Error {}

/// An upload's chunks, passed on unchanged once the first `MediaType.sniffLength` bytes show a type in
/// `accepts` (`found`); otherwise the stream stops there with `UnsupportedMedia`, before more is written.
final class SniffedChunks<Base: AsyncSequence & Sendable>: AsyncSequence, @unchecked Sendable
where Base.Element == [UInt8] {
  typealias Element = [UInt8]
  let base: Base
  let accepts: Set<MediaType>
  private let lock = NSLock()
  private var type: MediaType?

  init(base: Base, accepts: Set<MediaType>) {
    self.base = base
    self.accepts = accepts
  }

  var found: MediaType? { lock.withLock { type } }
  fileprivate func set(_ found: MediaType) { lock.withLock { type = found } }

  struct AsyncIterator: AsyncIteratorProtocol {
    var base: Base.AsyncIterator
    let owner: SniffedChunks
    var head: [UInt8] = []
    var decided = false

    mutating func next() async throws -> [UInt8]? {
      if decided { return try await base.next() }
      // Hold the first bytes back until there are enough to tell the type (or the stream ends).
      while head.count < MediaType.sniffLength, let chunk = try await base.next() { head += chunk }
      decided = true
      if head.isEmpty { return nil }
      guard let type = MediaType.sniff(head), owner.accepts.contains(type) else { throw UnsupportedMedia() }
      owner.set(type)
      return head
    }
  }

  func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), owner: self) }
}

/// Bytes already in memory as a stream of chunks (the demo's picture, tests), for `addMedia`.
public struct ChunkList: AsyncSequence, Sendable {
  public typealias Element = [UInt8]
  let chunks: [[UInt8]]

  public init(_ chunks: [[UInt8]]) { self.chunks = chunks }

  public struct AsyncIterator: AsyncIteratorProtocol {
    var rest: ArraySlice<[UInt8]>
    public mutating func next() async -> [UInt8]? { rest.popFirst() }
  }

  public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: chunks[...]) }
}
