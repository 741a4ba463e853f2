import CareCases
import CareCore
import Plot
import Vapor

/// The person's photos, voice notes and videos (each shown only to those its audience admits), and what
/// they have agreed to: standing consents, withdrawn here (their items go with them), and a form for a new
/// one.
struct MediaPage: PageView {
  let layout: Layout
  let model: MediaModel
  let state: FormState
  let notice: MediaController.Notice?

  var first: String { Account.firstName(of: model.personName) }
  var person: ID<Person> { model.team.person.id }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text("\(model.personName)'s photos, voice notes and videos")),
      .unwrap(notice) { notice in
        .p(
          .class("notice"), .attribute(named: "role", value: "status"),
          .text(Self.words(notice)))
      },
      .p(
        .class("lead"),
        .text(
          "Kept only with \(first)'s yes: for one item, or for a kind of thing. \(first) says who may see them and "
            + "how long they are kept; then they are removed.")),
      .if(model.mayAdd, uploadForm),
      .h2("What is kept"),
      items,
      .h2(.text("What \(first) has agreed to")),
      consents,
      .if(model.mayConsent, consentForm))
  }

  var items: Node<HTML.BodyContext> {
    guard !model.items.isEmpty else { return .p("Nothing is kept yet.") }
    return .ul(
      .class("plain-list"),
      .forEach(model.items) { item in
        let day = CoopCalendar.london.day(of: item.uploadedAt).longText
        let src = SiteURL.mediaContent(.value(item.id)).path
        return .li(
          .class("card"),
          .h3(.text(item.caption)),
          .unwrap(origin(item)) { .p(.text($0)) },
          .if(
            item.isKept,
            .group(
              player(item, src: src),
              .if(
                item.isAwaitingYes,
                .p(
                  .class("tag"),
                  .text(
                    "Waiting for \(first)'s yes: \(model.name(item.uploadedBy)) sent it on \(day). Only \(first) "
                      + "and whoever arranges their care see it; without a yes it is removed on "
                      + "\(CoopCalendar.london.day(of: item.keepUntil).longText).")),
                else: .p(
                  .text(
                    "\(item.kind.label.capitalizedFirst) added by \(model.name(item.uploadedBy)) on \(day). "
                      + "Seen by \(seenBy(item.audience)). "
                      + "Kept until \(CoopCalendar.london.day(of: item.keepUntil).longText)."))),
              .if(item.isAwaitingYes && model.mayConsent, answerForm(item)),
              .p(
                .a(
                  .href(src), .attribute(named: "download", value: "download"), .text("Download the \(item.kind.label)")
                ))
            ),
            else: .p(
              .text(
                "\(item.kind.label.capitalizedFirst) removed on "
                  + "\(item.removedAt.map { CoopCalendar.london.day(of: $0).longText } ?? "")"
                  + (item.removedBecause.map { ": \($0)." } ?? ".")))))
      })
  }

  /// Where an item is from, in words: a visit (its day and time) or a key meeting.
  func origin(_ item: MediaItem) -> String? {
    if let meeting = item.meeting { return "From the meeting “\(meeting.title)” on \(meeting.day.longText)." }
    if let id = item.visitID, let visit = model.visits.first(where: { $0.id == id }) {
      return "From the visit on \(visit.day.longText) at \(CoopCalendar.clockText(visit.start))."
    }
    return item.visitID == nil ? nil : "From a visit."
  }

  /// The person's (or arranger's) answer to an item a worker sent: yes, with who may see it and how long,
  /// or no. Each waiting item has its own form, its fields named after the item.
  func answerForm(_ item: MediaItem) -> Node<HTML.BodyContext> {
    let audience = MediaForm.field("audience", item.id)
    let days = MediaForm.field("keepDays", item.id)
    var state = self.state
    if state[audience].isEmpty { state.values[audience] = MediaAudience.personOnly.rawValue }
    if state[days].isEmpty { state.values[days] = "365" }
    return .form(
      .action(SiteURL.teamMediaAnswer(.value(person), .value(item.id)).path), .method(.post),
      .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
      Forms.radios(
        audience, legend: "May we keep “\(item.caption)”? If yes, who may see it?",
        options: MediaAudience.allCases.map { ($0.rawValue, seenBy($0).capitalizedFirst, nil) }, state: state),
      Forms.text(
        days, label: "If yes, keep it for how many days?",
        hint: "From 1 to \(MediaConsentTerms.keepRange.upperBound). Then it is removed.", state: state, width: "w5"),
      .button(.type(.submit), .class("button"), .name("answer"), .value("yes"), .text("Yes, keep “\(item.caption)”")),
      .text(" "),
      .button(.type(.submit), .class("button secondary"), .name("answer"), .value("no"), .text("No, remove it now")))
  }

  /// The upload form (multipart, its token first and its file last, so the server decides before a byte
  /// of the file is kept): what it is, which of the person's yeses covers it (or, for anyone but them and
  /// their arrangers, asking them), which visit or key meeting.
  var uploadForm: Node<HTML.BodyContext> {
    let consents = model.consentsInForce
    var choices: [(value: String, label: String, hint: String?)] = consents.map {
      (
        $0.id.description, "\($0.kind.label.capitalizedFirst)s: \($0.about)",
        "Seen by \(seenBy($0.audience)); kept \($0.keepDays) days"
      )
    }
    if model.mayConsent {
      choices.append((MediaForm.thisOne, "Just this one: I agree to it now", "Then say below who may see it"))
    } else {
      choices.append(
        (
          MediaForm.ask, "None of these: ask \(first) first",
          "Kept for \(first) alone until they say yes; removed after \(MediaItem.askingDays) days without an answer"
        ))
    }
    let fileError = state.error("file")
    return .group(
      .h2("Add a photo, voice note or video"),
      .form(
        .action(SiteURL.teamMedia(.value(person)).path), .method(.post), .enctype(.multipartData),
        .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.radios(
          "kind", legend: "What is it?",
          options: MediaKind.allCases.map { ($0.rawValue, $0.label.capitalizedFirst, nil) }, state: state),
        Forms.text(
          "caption", label: "What does it show?", hint: "A few words, like “knee bends, week 3”.", state: state),
        Forms.radios("consentID", legend: "Which of \(first)'s yeses covers it?", options: choices, state: state),
        .if(
          model.mayConsent,
          .group(
            Forms.radios(
              "itemAudience", legend: "Just this one: who may see it?",
              options: MediaAudience.allCases.map { ($0.rawValue, seenBy($0).capitalizedFirst, nil) }, state: state),
            Forms.text(
              "itemKeepDays", label: "Just this one: keep it for how many days?",
              hint: "From 1 to \(MediaConsentTerms.keepRange.upperBound). Then it is removed.", state: state,
              width: "w5"))),
        .div(
          .class("field"),
          .label(.for("visitID"), "Which visit is it from?"),
          .select(
            .attribute(named: "name", value: "visitID"), .attribute(named: "id", value: "visitID"),
            option("", "None"),
            .forEach(model.visits) { visit in
              option(visit.id.description, "\(visit.day.longText), \(CoopCalendar.clockText(visit.start))")
            })),
        Forms.text(
          "meetingTitle", label: "Or is it from a meeting? What was it?",
          hint: "Like “Review of my support”. Leave empty if it is from a visit or from neither.", state: state),
        Forms.date(
          "meetingDay", legend: "The meeting's day", hint: "For example, 27 3 2026. Only for a meeting.",
          state: state),
        .div(
          .class(fileError == nil ? "field" : "field field-error"),
          .label(.for("file"), "The file"),
          .p(
            .class("hint"), .id("file-hint"),
            .text(
              "A photo (JPEG, PNG or WebP) up to \(MediaKind.photo.limitText), a voice note up to "
                + "\(MediaKind.voice.limitText), a video (MP4 or WebM) up to \(MediaKind.video.limitText).")),
          .unwrap(fileError) { Forms.errorMessage("file", $0) },
          .input(
            .type(.file), .name("file"), .id("file"),
            .attribute(named: "accept", value: "image/jpeg,image/png,image/webp,audio/*,video/mp4,video/webm"),
            .attribute(named: "aria-describedby", value: fileError == nil ? "file-hint" : "file-hint file-error"),
            .attribute(named: "aria-invalid", value: fileError == nil ? nil : "true"))),
        Forms.submit("Send")))
  }

  static func words(_ notice: MediaController.Notice) -> String {
    switch notice {
    case .given: "Consent saved."
    case .withdrawn: "Consent withdrawn: what was kept under it has been removed."
    case .added: "Kept."
    case .answered: "Thank you: your answer is saved."
    }
  }

  /// One choice of the visit list, chosen when the form comes back with it.
  func option(_ value: String, _ label: String) -> Node<HTML.SelectContext> {
    .element(
      named: "option",
      nodes: [
        .attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
        .attribute(named: "selected", value: state["visitID"] == value && !value.isEmpty ? "selected" : nil),
        .text(label),
      ])
  }

  /// Who sees an item, in words about the person.
  func seenBy(_ audience: MediaAudience) -> String {
    switch audience {
    case .personOnly: "only \(first) and whoever arranges their care"
    case .workers: "\(first)'s workers and the co-op's managers of care"
    case .wholeTeam: "everyone in \(first)'s team"
    }
  }

  func player(_ item: MediaItem, src: String) -> Node<HTML.BodyContext> {
    switch item.kind {
    case .photo:
      return .img(.src(src), .alt(item.caption), .class("media-photo"))
    case .voice:
      return .element(
        named: "audio",
        nodes: [
          .attribute(named: "controls", value: "controls"), .attribute(named: "preload", value: "none"),
          .attribute(named: "src", value: src), .text("Your browser cannot play this voice note: download it below."),
        ])
    case .video:
      return .element(
        named: "video",
        nodes: [
          .attribute(named: "controls", value: "controls"), .attribute(named: "preload", value: "none"),
          .class("media-video"), .attribute(named: "src", value: src),
          .text("Your browser cannot play this video: download it below."),
        ])
    }
  }

  var consents: Node<HTML.BodyContext> {
    guard !model.consents.isEmpty else { return .p(.text("\(first) has not agreed to any kind of thing yet.")) }
    return .ul(
      .class("plain-list"),
      .forEach(model.consents.reversed()) { consent in
        .li(
          .class("card"),
          .p(.strong(.text("\(consent.kind.label.capitalizedFirst)s: \(consent.about)"))),
          .p(
            .text(
              "Seen by \(seenBy(consent.audience)); each kept "
                + "\(consent.keepDays) days. Given by \(model.name(consent.givenBy)) on "
                + "\(CoopCalendar.london.day(of: consent.givenAt).longText).")),
          .unwrap(consent.withdrawnAt) { at in
            .p(
              .class("tag"),
              .text(
                "Withdrawn on \(CoopCalendar.london.day(of: at).longText)"
                  + (consent.withdrawnBy.map { " by \(model.name($0))" } ?? "")))
          },
          .if(
            consent.isInForce && model.mayConsent,
            .form(
              .action(SiteURL.teamMediaConsentWithdraw(.value(person), .value(consent.id)).path), .method(.post),
              Forms.csrf(layout.csrf),
              .p(.class("hint"), .text("Withdrawing it removes everything kept under it.")),
              .button(
                .type(.submit), .class("button secondary"),
                .text("Withdraw consent to \(consent.kind.label)s: \(consent.about)")))))
      })
  }

  var consentForm: Node<HTML.BodyContext> {
    .group(
      .h2(.text("Agree to a kind of thing")),
      .form(
        .action(SiteURL.teamMediaConsents(.value(person)).path), .method(.post), .attribute(named: "novalidate"),
        Forms.csrf(layout.csrf),
        // Named apart from the upload form's "kind": both forms are on the page, and ids must be unique.
        Forms.radios(
          "consentKind", legend: "What kind?",
          options: MediaKind.allCases.map { ($0.rawValue, "\($0.label.capitalizedFirst)s", nil) },
          state: state),
        Forms.text(
          "about", label: "Of what?", hint: "In \(first)'s words, like “my physio exercises”. Up to 200 characters.",
          state: state),
        Forms.radios(
          "audience", legend: "Who may see them?",
          options: MediaAudience.allCases.map { ($0.rawValue, seenBy($0).capitalizedFirst, nil) },
          state: state),
        Forms.text(
          "keepDays", label: "Keep each one for how many days?",
          hint: "From 1 to \(MediaConsentTerms.keepRange.upperBound). Then it is removed.", state: state, width: "w5"),
        Forms.submit("Save the consent")))
  }
}
