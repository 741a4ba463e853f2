import CareCases
import CareCore
import Plot

/// The member's messages, newest first: those new to them marked so, each with when it came, what it says and
/// a link to what it is about; older ones a page further on.
struct MessagesPage: PageView {
  let layout: Layout
  let model: MessagesModel

  var body: Node<HTML.BodyContext> {
    let newCount = model.messages.filter { $0.readAt == nil }.count
    return .group(
      .h1("Your messages"),
      .p(
        .class("lead"),
        .text(
          "Everything the co-op has told you here, newest first. Each one was sent to your e-mail address too.")),
      model.messages.isEmpty
        ? .p(.text(model.page == 1 ? "You have no messages yet." : "There are no older messages."))
        : .group(
          .if(
            newCount > 0,
            .p(.attribute(named: "role", value: "status"), .text("\(newCount) new since you last looked."))),
          .ul(
            .class("messages"),
            .forEach(model.messages) { message in
              .li(
                .class(message.readAt == nil ? "message new" : "message"),
                .h2(
                  .class("message-subject"),
                  .if(message.readAt == nil, .span(.class("tag"), "New")),
                  .if(message.readAt == nil, .text(" ")),
                  message.link.map { .a(.href($0), .text(message.subject)) } ?? .text(message.subject)),
                .p(.class("hint"), .text(WhoLookedPage.ukTime(message.at))),
                .p(.text(message.body)))
            })),
      .if(
        model.page > 1 || model.hasOlder,
        .nav(
          .class("pagination"), .attribute(named: "aria-label", value: "Pages of your messages"),
          .p(.text("Page \(model.page)")),
          .ul(
            .class("list"),
            .if(model.page > 1, .li(.a(.href(SiteURL.messages(page: model.page - 1).path), "Newer messages"))),
            .if(model.hasOlder, .li(.a(.href(SiteURL.messages(page: model.page + 1).path), "Older messages"))))))
    )
  }
}
