import CareCore
import FluentKit
import Foundation
import SQLKit

final class MediaConsentRow: Model, @unchecked Sendable {
  static let schema = "media_consents"
  @IDProperty<MediaConsentRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "kind") var kind: String
  @Field(key: "about") var about: String
  @Field(key: "audience") var audience: String
  @Field(key: "keep_days") var keepDays: Int
  @Field(key: "given_by") var givenBy: UUID
  @Field(key: "given_at") var givenAt: Date
  @OptionalField(key: "withdrawn_by") var withdrawnBy: UUID?
  @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?

  init() {}

  var value: MediaConsent {
    get throws {
      MediaConsent(
        id: CareCore.ID(id!), personID: CareCore.ID(personID),
        kind: try StoreError.known(MediaKind(rawValue: kind), "media_consents.kind", kind), about: about,
        audience: try StoreError.known(MediaAudience(rawValue: audience), "media_consents.audience", audience),
        keepDays: keepDays, givenBy: CareCore.ID(givenBy), givenAt: givenAt, withdrawnAt: withdrawnAt,
        withdrawnBy: withdrawnBy.map(CareCore.ID.init))
    }
  }
}

final class MediaItemRow: Model, @unchecked Sendable {
  static let schema = "media_items"
  @IDProperty<MediaItemRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @OptionalField(key: "visit_id") var visitID: UUID?
  @Field(key: "kind") var kind: String
  @Field(key: "content_type") var contentType: String
  @Field(key: "bytes") var bytes: Int64
  @Field(key: "sha256") var sha256: String
  @Field(key: "caption") var caption: String
  @OptionalField(key: "consent_id") var consentID: UUID?
  @Field(key: "audience") var audience: String
  @Field(key: "keep_until") var keepUntil: Date
  @Field(key: "uploaded_by") var uploadedBy: UUID
  @Field(key: "uploaded_at") var uploadedAt: Date
  @OptionalField(key: "removed_at") var removedAt: Date?
  @OptionalField(key: "removed_because") var removedBecause: String?
  @OptionalField(key: "meeting_title") var meetingTitle: String?
  @OptionalField(key: "meeting_day") var meetingDay: String?
  @OptionalField(key: "asked_at") var askedAt: Date?
  @OptionalField(key: "answered_at") var answeredAt: Date?
  @OptionalField(key: "answered_by") var answeredBy: UUID?

  init() {}

  var value: MediaItem {
    get throws {
      var meeting: MediaMeeting?
      if let meetingTitle, let meetingDay {
        meeting = MediaMeeting(
          title: meetingTitle, day: try StoreError.known(Day(iso: meetingDay), "media_items.meeting_day", meetingDay))
      }
      return MediaItem(
        id: CareCore.ID(id!), personID: CareCore.ID(personID), visitID: visitID.map(CareCore.ID.init),
        kind: try StoreError.known(MediaKind(rawValue: kind), "media_items.kind", kind), contentType: contentType,
        bytes: Int(bytes), sha256: sha256, caption: caption, consentID: consentID.map(CareCore.ID.init),
        audience: try StoreError.known(MediaAudience(rawValue: audience), "media_items.audience", audience),
        keepUntil: keepUntil, uploadedBy: CareCore.ID(uploadedBy), uploadedAt: uploadedAt, removedAt: removedAt,
        removedBecause: removedBecause, meeting: meeting, askedAt: askedAt, answeredAt: answeredAt,
        answeredBy: answeredBy.map(CareCore.ID.init))
    }
  }

  /// Why an item went, when it goes by the expiry job.
  var expiryReason: String {
    askedAt != nil && answeredAt == nil
      ? "not agreed to within \(MediaItem.askingDays) days" : "kept for as long as agreed"
  }
}

/// The bytes of a new item, already in file storage under `id` (the use case streamed them there and told
/// their type from the first bytes).
public struct KeptMedia: Sendable, Hashable {
  public let id: UUID
  public let contentType: String
  public let bytes: Int
  public let sha256: String
  public init(id: UUID, contentType: String, bytes: Int, sha256: String) {
    self.id = id
    self.contentType = contentType
    self.bytes = bytes
    self.sha256 = sha256
  }
}

extension Store {
  /// The person's consents to media, in force and withdrawn, oldest first.
  public func mediaConsents(permit: Permit) async throws -> [MediaConsent] {
    try Self.check(permit, anyOf: [.viewMedia, .addMedia, .changeMediaConsent])
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await MediaConsentRow.query(on: db).filter(\.$personID == person.rawValue).sort(\.$givenAt)
      .sort(\.$id).all().map { try $0.value }
  }

  /// Keeps the person's standing yes (checked first), with an audit line.
  public func giveMediaConsent(_ terms: MediaConsentTerms, permit: Permit, env: Effects) async throws
    -> MediaConsent
  {
    guard case .changeMediaConsent(let team) = permit.action else { throw CareError.forbidden }
    let terms = try terms.validated()
    return try await write { db in
      let row = MediaConsentRow()
      row.id = env.newID()
      (row.coopID, row.personID) = (permit.coopID.rawValue, team.personID.rawValue)
      (row.kind, row.about, row.audience, row.keepDays) = (
        terms.kind.rawValue, terms.about, terms.audience.rawValue, terms.keepDays
      )
      (row.givenBy, row.givenAt) = (permit.requester.account.id.rawValue, env.now())
      try await row.create(on: db)
      try await Self.append(
        .giveMediaConsent, coop: permit.coopID, actor: permit.requester.account.id, onBehalfOf: permit.onBehalfOf,
        person: team.personID,
        detail: "\(terms.kind.label): \(terms.about); seen by \(terms.audience.label); kept \(terms.keepDays) days",
        env: env, on: db)
      return try row.value
    }
  }

  /// Withdraws a standing yes: from now on it covers nothing, and the items kept under it are removed in
  /// the same transaction (their rows say so; the use case then deletes their bytes). Withdrawn once: a
  /// second withdrawal is a conflict.
  public func withdrawMediaConsent(_ id: ID<MediaConsent>, permit: Permit, env: Effects) async throws
    -> [MediaItem]
  {
    guard case .changeMediaConsent(let team) = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await write { db in
      guard let row = try await MediaConsentRow.find(id.rawValue, on: db), row.personID == team.personID.rawValue
      else { throw CareError.notFound }
      let sql = db as! any SQLDatabase
      let changed = try await sql.update("media_consents")
        .set("withdrawn_by", to: SQLBind(actor.rawValue)).set("withdrawn_at", to: SQLBind(env.now()))
        .where("id", .equal, SQLBind(id.rawValue)).where("withdrawn_at", .is, SQLLiteral.null)
        .returning("id").all()
      guard !changed.isEmpty else {
        throw CareError.conflict(FieldError("consent", "This consent has already been withdrawn"))
      }
      let items = try await MediaItemRow.query(on: db).filter(\.$consentID == id.rawValue)
        .filter(\.$removedAt == nil).all()
      for item in items {
        (item.removedAt, item.removedBecause) = (env.now(), "consent withdrawn")
        try await item.save(on: db)
      }
      try await Self.append(
        .withdrawMediaConsent, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf,
        person: team.personID,
        detail: "\(row.kind): \(row.about); \(items.count) item\(items.count == 1 ? "" : "s") removed", env: env,
        on: db)
      return try items.map { try $0.value }
    }
  }

  /// Keeps a new item's row, its bytes already stored: under a standing consent of the person's that is in
  /// force and of the item's kind, or (when the requester may consent for the person) under their yes to
  /// this item alone; sent by anyone else without a consent, it is kept for the person alone while they are
  /// asked (for `MediaItem.askingDays`), and they and their arrangers get a message (`link`: the media page).
  /// A visit named must be one of the person's. Refused: nothing written (the use case then deletes the bytes).
  public func addMedia(
    _ new: NewMediaItem, kept: KeptMedia, permit: Permit, link: String? = nil, env: Effects
  ) async throws -> MediaItem {
    guard case .addMedia(let team) = permit.action else { throw CareError.forbidden }
    let new = try new.validated()
    let actor = permit.requester.account.id
    let mayConsent = AccessPolicy.decide(permit.requester, .changeMediaConsent(team)).isAllowed
    return try await write { db in
      var audience: MediaAudience
      var keepDays: Int
      var asking = false
      if let consentID = new.consentID {
        guard let consent = try await MediaConsentRow.find(consentID.rawValue, on: db),
          consent.personID == team.personID.rawValue
        else {
          throw CareError.invalid("consentID", "Choose one of the person's consents")
        }
        let value = try consent.value
        guard value.isInForce else {
          throw CareError.invalid("consentID", "That consent has been withdrawn: ask the person again")
        }
        guard value.kind == new.kind else {
          throw CareError.invalid("consentID", "That consent is for a \(value.kind.label), not a \(new.kind.label)")
        }
        (audience, keepDays) = (value.audience, value.keepDays)
      } else if mayConsent {
        (audience, keepDays) = try new.ownTerms()
      } else {
        (audience, keepDays, asking) = (.personOnly, MediaItem.askingDays, true)
      }
      if let visit = new.visitID {
        guard let row = try await RotaVisitRow.find(visit.rawValue, on: db), row.personID == team.personID.rawValue
        else { throw CareError.invalid("visitID", "Choose one of the person's visits") }
      }
      let row = MediaItemRow()
      row.id = kept.id
      (row.coopID, row.personID, row.visitID) = (permit.coopID.rawValue, team.personID.rawValue, new.visitID?.rawValue)
      (row.kind, row.contentType, row.bytes, row.sha256) = (
        new.kind.rawValue, kept.contentType, Int64(kept.bytes), kept.sha256
      )
      (row.caption, row.consentID, row.audience) = (new.caption, new.consentID?.rawValue, audience.rawValue)
      row.keepUntil = env.now().addingTimeInterval(TimeInterval(keepDays) * 86_400)
      (row.uploadedBy, row.uploadedAt) = (actor.rawValue, env.now())
      (row.meetingTitle, row.meetingDay) = (new.meeting?.title, new.meeting?.day.iso)
      row.askedAt = asking ? env.now() : nil
      try await row.create(on: db)
      let consent =
        asking
        ? "no consent covers it: the person is asked"
        : new.consentID == nil ? "consent given for this item" : "under a standing consent"
      try await Self.append(
        .addMedia, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: team.personID,
        detail: "\(new.kind.label) “\(new.caption)”, \(kept.bytes) bytes; \(consent)", env: env, on: db)
      if asking {
        let sender = try await AccountRow.find(actor.rawValue, on: db)?.name ?? "Someone in the team"
        let to = Set(team.activeMembers.filter(\.value).keys).union([team.personAccountID]).subtracting([actor])
        let messages = to.sorted { $0.description < $1.description }.map {
          NewMessage(
            to: $0, subject: "May we keep this \(new.kind.label)?",
            body: "\(sender) sent a \(new.kind.label) (“\(new.caption)”). It is kept for the person alone "
              + "until they say yes, with who may see it and for how long, or no; without an answer it is "
              + "removed after \(MediaItem.askingDays) days.", link: link)
        }
        try await Self.keep(messages, coop: permit.coopID, env: env, on: db)
      }
      return try row.value
    }
  }

  /// The person's (or arranger's) answer to an item sent without a consent to cover it: yes keeps it for
  /// whom they chose and as long as they said (from now); no removes it now (the use case deletes the bytes).
  /// Answered once: the update only takes an item still waiting, so a second answer (or one racing it) is a
  /// conflict; an item that is not the person's, or not waiting for an answer, is not found or a conflict.
  public func answerMediaRequest(
    _ id: ID<MediaItem>, answer: MediaAnswer, permit: Permit, env: Effects
  ) async throws -> MediaItem {
    guard case .changeMediaConsent(let team) = permit.action else { throw CareError.forbidden }
    let answer = try answer.validated()
    let actor = permit.requester.account.id
    return try await write { db in
      guard let row = try await MediaItemRow.find(id.rawValue, on: db), row.personID == team.personID.rawValue
      else { throw CareError.notFound }
      let sql = db as! any SQLDatabase
      var update = sql.update("media_items").set("answered_at", to: SQLBind(env.now()))
        .set("answered_by", to: SQLBind(actor.rawValue))
      let detail: String
      switch answer {
      case .yes(let audience, let days):
        update = update.set("audience", to: SQLBind(audience.rawValue))
          .set("keep_until", to: SQLBind(env.now().addingTimeInterval(TimeInterval(days) * 86_400)))
        detail = "yes to the \(row.kind) “\(row.caption)”: seen by \(audience.label); kept \(days) days"
      case .no:
        update = update.set("removed_at", to: SQLBind(env.now())).set(
          "removed_because", to: SQLBind("the person said no"))
        detail = "no to the \(row.kind) “\(row.caption)”: removed"
      }
      let changed = try await update.where("id", .equal, SQLBind(id.rawValue))
        .where("asked_at", .isNot, SQLLiteral.null).where("answered_at", .is, SQLLiteral.null)
        .where("removed_at", .is, SQLLiteral.null).returning("id").all()
      guard !changed.isEmpty else {
        throw CareError.conflict(FieldError("answer", "This item is not waiting for an answer"))
      }
      try await Self.append(
        .answerMediaRequest, coop: permit.coopID, actor: actor, onBehalfOf: permit.onBehalfOf, person: team.personID,
        detail: detail, env: env, on: db)
      guard let fresh = try await MediaItemRow.find(id.rawValue, on: db) else { throw CareError.notFound }
      return try fresh.value
    }
  }

  /// Every media item of the person's, kept and removed, newest first (the use case shows each reader only
  /// what its audience allows).
  public func mediaItems(permit: Permit) async throws -> [MediaItem] {
    try Self.check(permit, .viewMedia)
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await MediaItemRow.query(on: db).filter(\.$personID == person.rawValue)
      .sort(\.$uploadedAt, .descending).sort(\.$id).all().map { try $0.value }
  }

  /// One item of the person's; nil if it is not theirs.
  public func mediaItem(_ id: ID<MediaItem>, permit: Permit) async throws -> MediaItem? {
    try Self.check(permit, .viewMedia)
    guard let person = permit.personID, let row = try await MediaItemRow.find(id.rawValue, on: db),
      row.personID == person.rawValue
    else { return nil }
    return try row.value
  }

  /// Whose an item is, to find the team before deciding anything (nil: no such item).
  public func mediaOwner(_ id: ID<MediaItem>) async throws -> ID<Person>? {
    try await MediaItemRow.find(id.rawValue, on: db).map { CareCore.ID($0.personID) }
  }

  /// Writes "looked at a photo, voice note or video" in the person's who-looked log.
  public func logMediaLook(permit: Permit, detail: String, env: Effects) async throws {
    try Self.check(permit, .viewMedia)
    guard let person = permit.personID else { throw CareError.forbidden }
    try await viewLog.append(
      AuditEvent(
        id: ID(env.newID()), coopID: permit.coopID, at: env.now(), actorID: permit.requester.account.id,
        onBehalfOf: nil, personID: person, action: .viewMedia, detail: detail))
  }

  /// Whether the requester's look with this detail is already in the person's log since `since`.
  public func hasLooked(permit: Permit, detail: String, since: Date) async throws -> Bool {
    try Self.check(permit, .viewMedia)
    guard let person = permit.personID else { throw CareError.forbidden }
    return try await AuditEventRow.query(on: db).filter(\.$personID == person.rawValue)
      .filter(\.$actorID == permit.requester.account.id.rawValue).filter(\.$action == AuditAction.viewMedia.rawValue)
      .filter(\.$detail == detail).filter(\.$at >= since).first() != nil
  }

  /// The expiry job: every item kept past its day is marked removed, each with an audit line in its
  /// person's log, in one transaction; returns them so their bytes can be deleted. Runs for the co-op with
  /// no requester (a scheduled job).
  public func expireMedia(env: Effects, limit: Int = 500) async throws -> [MediaItem] {
    try await write { db in
      let rows = try await MediaItemRow.query(on: db).filter(\.$removedAt == nil)
        .filter(\.$keepUntil <= env.now()).sort(\.$keepUntil).limit(limit).all()
      let sql = db as! any SQLDatabase
      var removed: [MediaItemRow] = []
      for row in rows {
        let reason = row.expiryReason
        // Guarded: an answer of yes landing meanwhile moved the day on, and then the item stays.
        let changed = try await sql.update("media_items").set("removed_at", to: SQLBind(env.now()))
          .set("removed_because", to: SQLBind(reason)).where("id", .equal, SQLBind(row.id!))
          .where("removed_at", .is, SQLLiteral.null).where("keep_until", .lessThanOrEqual, SQLBind(env.now()))
          .returning("id").all()
        guard !changed.isEmpty else { continue }
        (row.removedAt, row.removedBecause) = (env.now(), reason)
        removed.append(row)
        try await Self.append(
          .removeMedia, coop: CareCore.ID(row.coopID), actor: nil, person: CareCore.ID(row.personID),
          detail: "\(row.kind) “\(row.caption)”: \(reason), then removed", env: env, on: db)
      }
      return try removed.map { try $0.value }
    }
  }

  /// Items removed whose bytes may still be on disk (a delete that failed after its row was marked), for the
  /// expiry job to sweep again: removed in the last `days`.
  public func recentlyRemovedMedia(env: Effects, days: Int = 7) async throws -> [ID<MediaItem>] {
    try await MediaItemRow.query(on: db).filter(\.$removedAt != nil)
      .filter(\.$removedAt >= env.now().addingTimeInterval(-TimeInterval(days) * 86_400)).all()
      .map { CareCore.ID($0.id!) }
  }
}
