import CareCases
import CareCore
import Plot
import Vapor

private func when(_ date: Date) -> String { CoopCalendar.london.day(of: date).longText }

private func noticeWords(_ notice: DocumentController.Notice) -> String {
  switch notice {
  case .added: "Kept: the document is in the library."
  case .version: "Kept: the new version is the one people see first."
  case .changed: "Saved: who sees it has changed."
  case .shared: "Saved: the agreement is recorded."
  case .ended: "The agreement has ended: the professional no longer sees what it covered."
  }
}

private func noticeNode(_ notice: DocumentController.Notice?) -> Node<HTML.BodyContext> {
  .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text(noticeWords($0))) }
}

/// Who sees a document, in words for the person.
private func visibilityWords(_ v: DocumentVisibility, first: String) -> String {
  switch v {
  case .personOnly: "Only \(first) and whoever arranges their care"
  case .team: "Everyone in \(first)'s team (professionals only as \(first)'s sharing agreement with them says)"
  case .workers: "The workers in \(first)'s team"
  case .named: "The people \(first) named"
  }
}

/// The choice of who sees a document, with the team's people to name: on the upload form and the document's
/// page.
private func visibilityFields(_ state: FormState, members: [Team.Entry], first: String) -> Node<HTML.FormContext> {
  let error = state.error("named")
  return .group(
    Forms.radios(
      "visibility", legend: "Who may see it?",
      options: DocumentVisibility.allCases.map { ($0.rawValue, visibilityWords($0, first: first), nil) }, state: state),
    .div(
      .class(error == nil ? "field" : "field field-error"),
      .fieldset(
        .element(named: "legend", nodes: [.text("The people to show it to, if you chose named people")]),
        .unwrap(error) { Forms.errorMessage("named", $0) },
        .forEach(Array(members.enumerated())) { pair in
          let (index, entry) = pair
          let id = index == 0 ? "named" : "named-\(entry.account.id)"
          return .div(
            .class("field checkbox"),
            .input(
              .type(.checkbox), .name("named-\(entry.account.id)"), .id(id), .value("true"),
              .checked(state["named-\(entry.account.id)"] == "true")),
            .label(.for(id), .text("\(entry.account.name) (\(entry.membership.relationship.shortLabel))")))
        })))
}

/// One version in a table of versions (the person's documents, the library).
struct VersionRow {
  let number: Int
  let fileName: String
  let sizeText: String
  let link: SiteURL
  let added: String
  let note: String
}

/// Every version of a document, newest first, each a download.
func versionsTable(_ rows: [VersionRow]) -> Node<HTML.BodyContext> {
  .table(
    .caption(.class("visually-hidden"), "Every version, newest first"),
    .thead(.tr(.th("Version"), .th("File"), .th("Added"), .th("Note"))),
    .tbody(
      .forEach(rows) { row in
        .tr(
          .td(.text("\(row.number)")),
          .td(
            .a(
              .href(row.link.path), .attribute(named: "download", value: row.fileName),
              .text("\(row.fileName) (\(row.sizeText))"))),
          .td(.text(row.added)),
          .td(.text(row.note)))
      }))
}

/// A file input with its hint and error (the person's documents and the co-op's library take the same files).
func fileField(_ state: FormState, label: String) -> Node<HTML.FormContext> {
  let error = state.error("file")
  return .div(
    .class(error == nil ? "field" : "field field-error"),
    .label(.for("file"), .text(label)),
    .p(
      .class("hint"), .id("file-hint"),
      .text("\(PersonDocument.acceptsText.capitalizedFirst), up to \(PersonDocument.limitText).")),
    .unwrap(error) { Forms.errorMessage("file", $0) },
    .input(
      .type(.file), .name("file"), .id("file"),
      .attribute(named: "accept", value: "application/pdf,image/jpeg,image/png,image/webp"),
      .attribute(named: "aria-describedby", value: error == nil ? "file-hint" : "file-hint file-error"),
      .attribute(named: "aria-invalid", value: error == nil ? nil : "true")))
}

/// The person's documents library: what the reader may see, newest first, and (for those who may) the form
/// to add one. The upload form's token comes first and its file last, so the server decides before a byte
/// is kept.
struct DocumentsPage: PageView {
  let layout: Layout
  let model: DocumentsModel
  let state: FormState
  let notice: DocumentController.Notice?

  var isOwner: Bool { layout.account?.id == model.team.personAccount.id }
  var first: String { Account.firstName(of: model.personName) }
  var person: ID<Person> { model.team.person.id }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text(isOwner ? "Your documents" : "\(model.personName)'s documents")),
      noticeNode(notice),
      .p(
        .class("lead"),
        .text(
          "Agreements, assessments, letters, reviews and photos of paper documents. \(first) says who sees each "
            + "one; every look is in \(first)'s “who looked” list.")),
      .if(
        model.mayShare,
        .p(
          .a(
            .href(SiteURL.teamSharing(.value(person)).path),
            .text("Sharing with professionals (\(model.agreementsInForce.count) in force)")))),
      .p(.a(.href(SiteURL.teamSearch(.value(person)).path), "Search the documents and the plan")),
      .h2("The documents"),
      list,
      .if(model.mayAdd, uploadForm))
  }

  var list: Node<HTML.BodyContext> {
    guard !model.documents.isEmpty else { return .p("No documents yet, or none you may see.") }
    return .table(
      .caption(.class("visually-hidden"), .text("Documents, newest first")),
      .thead(.tr(.th("Document"), .th("Kind"), .th("Latest version"), .th("Seen by"))),
      .tbody(
        .forEach(model.documents) { document in
          .tr(
            .td(.a(.href(SiteURL.document(.value(document.id)).path), .text(document.title))),
            .td(.text(document.kind.label)),
            .td(
              .text(
                document.latest.map {
                  "Version \($0.number), \(when($0.addedAt)), by \(model.name($0.addedBy))"
                } ?? "")),
            .td(.text(document.visibility.label)))
        }))
  }

  var uploadForm: Node<HTML.BodyContext> {
    .group(
      .h2("Add a document"),
      .form(
        .action(SiteURL.teamDocuments(.value(person)).path), .method(.post), .enctype(.multipartData),
        .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.text(
          "title", label: "Its title", hint: "Like “Care and support plan from the council, 2026”.", state: state),
        Forms.radios(
          "kind", legend: "What kind of document is it?",
          options: DocumentKind.allCases.map { ($0.rawValue, $0.label, nil) }, state: state),
        visibilityFields(state, members: model.members, first: first),
        fileField(state, label: "The file"),
        Forms.submit("Add the document")))
  }
}

/// One document: its versions (the latest first to open), who sees it now, a new version, and (for the person
/// or their arranger) the first step of changing who sees it.
struct DocumentPage: PageView {
  let layout: Layout
  let model: DocumentModel
  let state: FormState
  let notice: DocumentController.Notice?

  var first: String { Account.firstName(of: model.personName) }
  var document: PersonDocument { model.document }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text(document.title)),
      noticeNode(notice),
      .p(.class("lead"), .text("\(document.kind.label), in \(model.personName)'s documents.")),
      .unwrap(document.latest) { latest in
        .p(
          .a(
            .class("button"), .href(SiteURL.documentFile(.value(document.id), .value(latest.number)).path),
            .attribute(named: "download", value: latest.fileName),
            .text("Open the latest version (\(latest.fileName), \(latest.sizeText))")))
      },
      .h2("Who sees it"),
      .p(.text(visibilityWords(document.visibility, first: first) + ":")),
      .ul(.forEach(model.seenBy) { .li(.text($0)) }),
      .if(
        document.visibility == .team || document.visibility == .workers,
        .p(.class("hint"), "The co-op's registered manager and the circle's safeguarding lead see it too.")),
      .h2("Versions"),
      versionsTable(
        document.versions.reversed().map {
          VersionRow(
            number: $0.number, fileName: $0.fileName, sizeText: $0.sizeText,
            link: .documentFile(.value(document.id), .value($0.number)),
            added: "\(when($0.addedAt)), by \(model.name($0.addedBy))", note: $0.note)
        }),
      .if(model.mayShare, visibilityForm),
      .if(model.mayAddVersion, versionForm))
  }

  var visibilityForm: Node<HTML.BodyContext> {
    .group(
      .h2("Change who sees it"),
      .p(.class("hint"), "You will see who gains and who loses it before anything changes."),
      .form(
        .action(SiteURL.documentVisibility(.value(document.id)).path), .method(.post),
        .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        visibilityFields(state, members: model.members, first: first),
        Forms.submit("Check the change")))
  }

  var versionForm: Node<HTML.BodyContext> {
    .group(
      .h2("Add a new version"),
      .form(
        .action(SiteURL.documentVersions(.value(document.id)).path), .method(.post), .enctype(.multipartData),
        .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.text("note", label: "What changed (optional)", hint: "Like “Signed copy”.", state: state),
        fileField(state, label: "The new version's file"),
        Forms.submit("Add the version")))
  }
}

/// The second step of changing who sees a document: who gains it, who loses it; confirm or go back.
struct VisibilityConfirmPage: PageView {
  let layout: Layout
  let preview: VisibilityPreview

  var body: Node<HTML.BodyContext> {
    let document = preview.model.document
    let first = Account.firstName(of: preview.model.personName)
    return .group(
      .h1(.text("Check who will see “\(document.title)”")),
      .p(.class("lead"), .text("From now: \(visibilityWords(preview.visibility, first: first)).")),
      .h2("Who will start to see it"),
      preview.gains.isEmpty ? .p("Nobody new.") : .ul(.forEach(preview.gains) { .li(.text($0)) }),
      .h2("Who will no longer see it"),
      preview.loses.isEmpty ? .p("Nobody.") : .ul(.forEach(preview.loses) { .li(.text($0)) }),
      .form(
        .action(SiteURL.documentVisibility(.value(document.id)).path), .method(.post), Forms.csrf(layout.csrf),
        .input(.type(.hidden), .name("visibility"), .value(preview.visibility.rawValue)),
        .forEach(preview.named.sorted { $0.description < $1.description }) {
          .input(.type(.hidden), .name("named-\($0)"), .value("true"))
        },
        .input(.type(.hidden), .name("confirm"), .value("yes")),
        Forms.submit("Yes, change who sees it")),
      .p(.a(.href(SiteURL.document(.value(document.id)).path), "No, go back without changing it")))
  }
}

/// The person's sharing agreements with the professionals in their team: what each may see, until when;
/// ending one; recording a new one (it replaces one in force with the same professional).
struct SharingPage: PageView {
  let layout: Layout
  let model: DocumentsModel
  let state: FormState
  let notice: DocumentController.Notice?

  var first: String { Account.firstName(of: model.personName) }
  var person: ID<Person> { model.team.person.id }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .h1(.text("Sharing \(model.personName)'s documents with professionals")),
      noticeNode(notice),
      .p(
        .class("lead"),
        .text(
          "A professional in \(first)'s team, like a GP or a social worker, sees none of \(first)'s documents unless "
            + "\(first) agrees here which kinds they may see, and only those \(first) lets the team or them see.")),
      .h2("Agreements in force"),
      agreements,
      .h2("Record an agreement"),
      model.professionals.isEmpty
        ? .p(.text("There are no professionals in \(first)'s team. Invite one from the team's page first."))
        : form)
  }

  var agreements: Node<HTML.BodyContext> {
    let inForce = model.agreementsInForce
    guard !inForce.isEmpty else { return .p("None.") }
    return .ul(
      .class("plain-list"),
      .forEach(inForce) { agreement in
        .li(
          .class("card"),
          .h3(.text(model.name(agreement.professionalID))),
          .p(
            .text(
              "May see \(agreement.kindsText)"
                + (agreement.until.map { " until \($0.longText)" } ?? ", until this is ended") + ".")),
          .p(.class("hint"), .text("Recorded on \(when(agreement.madeAt)) by \(model.name(agreement.madeBy)).")),
          .form(
            .action(SiteURL.teamSharingEnd(.value(person), .value(agreement.id)).path), .method(.post),
            Forms.csrf(layout.csrf),
            .button(
              .type(.submit), .class("button secondary"),
              .text("End this agreement"),
              .span(.class("visually-hidden"), .text(" with \(model.name(agreement.professionalID))")))))
      })
  }

  var form: Node<HTML.BodyContext> {
    let kindsError = state.error("kind-\(DocumentKind.allCases[0].rawValue)")
    return .form(
      .action(SiteURL.teamSharing(.value(person)).path), .method(.post), .attribute(named: "novalidate"),
      Forms.csrf(layout.csrf),
      Forms.radios(
        "professional", legend: "Which professional?",
        options: model.professionals.map { ($0.account.id.description, $0.account.name, nil) }, state: state),
      .div(
        .class(kindsError == nil ? "field" : "field field-error"),
        .fieldset(
          .element(named: "legend", nodes: [.text("Which kinds of document may they see?")]),
          .unwrap(kindsError) { Forms.errorMessage("kind-\(DocumentKind.allCases[0].rawValue)", $0) },
          .forEach(DocumentKind.allCases) { kind in
            .div(
              .class("field checkbox"),
              .input(
                .type(.checkbox), .name("kind-\(kind.rawValue)"), .id("kind-\(kind.rawValue)"), .value("true"),
                .checked(state["kind-\(kind.rawValue)"] == "true")),
              .label(.for("kind-\(kind.rawValue)"), .text(kind.plural.capitalizedFirst)))
          })),
      Forms.date(
        "until", legend: "Until when? (optional)",
        hint: "The last day it covers, for example 31 3 2027. Leave empty "
          + "for until it is ended.", state: state),
      Forms.submit("Record the agreement"))
  }
}
