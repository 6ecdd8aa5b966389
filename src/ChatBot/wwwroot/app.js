// ChatBot chat page. Every piece of text from the server (answers, quotes, titles) goes into the
// page through textContent or createTextNode, never parsed as HTML: corpus text is data, not markup.
"use strict";

(function () {
  const form = document.getElementById("ask-form");
  const input = document.getElementById("question");
  const button = document.getElementById("ask-button");
  const log = document.getElementById("log");
  const hint = document.getElementById("empty-hint");
  const status = document.getElementById("status");
  const error = ChatBotPage.errorBox(document.getElementById("error"));
  const counter = document.getElementById("question-count");
  const newConversation = document.getElementById("new-conversation");
  const maxLength = Number(input.getAttribute("maxlength")) || 2000;

  // The conversation lives in this tab (sessionStorage): a reload shows it again and follow-ups go on
  // with it; another tab has its own; "New conversation" starts a fresh one on the server too.
  const storageKey = "chatbot.conversation";
  const maxStoredTurns = 30;
  let conversation = loadConversation();
  let turn = 0;
  let busy = false;

  for (const stored of conversation.turns) renderTurn(stored);
  updateConversationControls();
  input.focus();

  input.addEventListener("input", updateCounter);
  input.addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter keeps a new line; IME composition must not send.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    const question = input.value.trim();
    if (!question) {
      error.show("Type a question first.");
      input.focus();
      return;
    }
    if (question.length > maxLength) {
      error.show(`The question is too long (${question.length} characters); the limit is ${maxLength}.`);
      input.focus();
      return;
    }
    await ask(question);
  });

  newConversation.addEventListener("click", () => {
    if (busy) return;
    conversation = { id: ChatBotPage.randomId(), turns: [] };
    saveConversation();
    log.replaceChildren();
    error.clear();
    updateConversationControls();
    status.textContent = "New conversation: follow-up questions no longer refer to the earlier ones.";
    input.focus();
  });

  async function ask(question) {
    setBusy(true);
    error.clear();
    let response;
    try {
      response = await fetch("api/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ question: question, conversation_id: conversation.id }),
      });
    } catch (_) {
      setBusy(false);
      error.show("Could not reach the server. Check your connection and try again.");
      input.focus();
      return;
    }

    const body = await ChatBotPage.readJson(response);
    setBusy(false);
    if (!response.ok) {
      error.show(describeError(response, body));
      input.focus();
      return;
    }
    if (!body || typeof body.answer !== "string") {
      error.show("The server sent an answer this page cannot read.");
      input.focus();
      return;
    }

    const stored = { question: question, answer: body, vote: null };
    conversation.turns.push(stored);
    if (conversation.turns.length > maxStoredTurns) conversation.turns.splice(0, conversation.turns.length - maxStoredTurns);
    saveConversation();
    const item = renderTurn(stored);
    updateConversationControls();
    item.scrollIntoView({ block: "start", behavior: "smooth" });
    input.value = "";
    updateCounter();
    input.focus();
  }

  function describeError(response, body) {
    const message = body && typeof body.error === "string" ? body.error : "";
    switch (response.status) {
      case 400:
      case 413:
      case 415:
        return message || "The question could not be accepted.";
      case 429: {
        const wait = response.headers.get("Retry-After");
        return (message || "Too many questions at once.") + (wait && !message ? ` Try again in ${wait} s.` : "");
      }
      case 503:
        return message || "The service is not ready yet; try again in a few seconds.";
      default:
        return message
          ? `Something went wrong on the server (${response.status}): ${message}`
          : `Something went wrong on the server (${response.status}). Try again later.`;
    }
  }

  function renderTurn(stored) {
    const question = stored.question;
    const answer = stored.answer;
    turn += 1;
    const item = document.createElement("li");
    item.className = "turn";

    const asked = document.createElement("p");
    asked.className = "question-bubble";
    asked.textContent = question;
    item.appendChild(asked);

    const card = document.createElement("article");
    card.className = answer.answered ? "answer" : "answer refusal";
    card.setAttribute("aria-label", answer.answered ? "Answer" : "Not covered by the sources");
    card.tabIndex = -1;

    if (!answer.answered) {
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = "Not covered by the sources";
      card.appendChild(badge);
    }

    const citations = (Array.isArray(answer.citations) ? answer.citations : [])
      .filter((c) => c && Number.isInteger(Number(c.n)))
      .sort((a, b) => Number(a.n) - Number(b.n));
    const known = new Map(citations.map((c) => [Number(c.n), citationId(turn, c.n)]));
    const text = document.createElement("p");
    text.className = "answer-text";
    appendWithMarkers(text, answer.answer, known);
    card.appendChild(text);

    if (answer.answered && citations.length > 0) {
      const heading = document.createElement("h2");
      heading.className = "citations-title";
      heading.textContent = citations.length === 1 ? "Source" : `Sources (${citations.length})`;
      card.appendChild(heading);
      const list = document.createElement("ol");
      list.className = "citations";
      for (const citation of citations) list.appendChild(renderCitation(citation));
      card.appendChild(list);
    }

    if (typeof answer.answer_id === "string" && answer.answer_id) card.appendChild(renderFeedback(stored));

    item.appendChild(card);
    log.appendChild(item);
    return item;
  }

  // Turns "… [1] … [2]" into text nodes and links to the numbered citations.
  function appendWithMarkers(parent, text, known) {
    const pattern = /\[(\d+)\]/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      const id = known.get(Number(match[1]));
      if (!id) continue;
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      const link = document.createElement("a");
      link.className = "cite-ref";
      link.href = "#" + id;
      link.textContent = match[0];
      link.setAttribute("aria-label", "Source " + match[1]);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        openCitation(id);
      });
      parent.appendChild(link);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function openCitation(id) {
    const details = document.getElementById(id);
    if (!details) return;
    details.open = true;
    const summary = details.querySelector("summary");
    if (summary) summary.focus();
    details.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  // One numbered source: its title and outlet, the start of its quote while closed; the whole quote,
  // the file and a link to the original (when it has one) when opened.
  function renderCitation(citation) {
    const item = document.createElement("li");
    item.className = "citation";
    const details = document.createElement("details");
    details.id = citationId(turn, citation.n);

    const summary = document.createElement("summary");
    const num = document.createElement("span");
    num.className = "num";
    num.textContent = `[${citation.n}] `;
    summary.appendChild(num);
    const title = document.createElement("span");
    title.className = "source-title";
    title.textContent = citation.title || citation.source || "Source";
    summary.appendChild(title);
    if (citation.outlet) {
      const outlet = document.createElement("span");
      outlet.className = "outlet";
      outlet.textContent = " — " + citation.outlet;
      summary.appendChild(outlet);
    }
    const preview = document.createElement("span");
    preview.className = "preview";
    preview.textContent = citation.quote || "";
    summary.appendChild(preview);
    details.appendChild(summary);

    const quote = document.createElement("blockquote");
    quote.className = "quote";
    quote.textContent = citation.quote || "";
    details.appendChild(quote);

    details.appendChild(ChatBotPage.sourceLine(citation, "Read the original article"));
    item.appendChild(details);
    return item;
  }

  // 👍/👎 under an answer, sent as POST /api/feedback {answer_id, helpful}: the server keeps the answer's
  // text, so only its id travels. The group's data-state says what became of the last press:
  // sending, sent, already (the same vote again: nothing sent), limited (429), error.
  function renderFeedback(stored) {
    const group = document.createElement("div");
    group.className = "feedback";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Was this answer helpful?");
    const label = document.createElement("span");
    label.className = "feedback-label";
    label.textContent = "Helpful?";
    group.appendChild(label);
    const up = voteButton("👍 Helpful", true);
    const down = voteButton("👎 Not helpful", false);
    group.append(up, down);
    const note = document.createElement("span");
    note.className = "feedback-status";
    note.setAttribute("role", "status");
    note.setAttribute("aria-live", "polite");
    group.appendChild(note);
    showVote();

    function voteButton(text, helpful) {
      const vote = document.createElement("button");
      vote.type = "button";
      vote.className = "vote";
      vote.dataset.helpful = String(helpful);
      vote.textContent = text;
      vote.addEventListener("click", () => send(helpful));
      return vote;
    }

    function showVote() {
      up.setAttribute("aria-pressed", String(stored.vote === true));
      down.setAttribute("aria-pressed", String(stored.vote === false));
    }

    function setState(state, message) {
      group.dataset.state = state;
      note.textContent = message;
    }

    async function send(helpful) {
      if (group.dataset.state === "sending") return;
      if (stored.vote === helpful) {
        setState("already", `You already marked this answer as ${verdict(helpful)}.`);
        return;
      }
      const changing = stored.vote !== null;
      setState("sending", "Sending…");
      up.disabled = down.disabled = true;
      let response;
      try {
        response = await fetch("api/feedback", {
          method: "POST",
          headers: { "Content-Type": "application/json", "Accept": "application/json" },
          body: JSON.stringify({ answer_id: stored.answer.answer_id, helpful: helpful }),
        });
      } catch (_) {
        response = null;
      }
      up.disabled = down.disabled = false;
      if (response && response.ok) {
        stored.vote = helpful;
        saveConversation();
        showVote();
        setState("sent", changing ? `Changed to ${verdict(helpful)}. Thank you!` : "Thank you for the feedback!");
        return;
      }
      if (!response) {
        setState("error", "Could not send your feedback. Check your connection and try again.");
        return;
      }
      const body = await ChatBotPage.readJson(response);
      const message = body && typeof body.error === "string" ? body.error : "";
      if (response.status === 429) {
        const wait = response.headers.get("Retry-After");
        setState("limited", (message || "Too much feedback at once.") + (wait ? ` You can rate again in ${wait} s.` : ""));
      } else if (response.status === 404) {
        setState("error", "This answer is too old to rate now; ask again to rate the new answer.");
      } else {
        setState("error", message ? `Feedback not recorded: ${message}` : `Feedback not recorded (error ${response.status}); try again later.`);
      }
    }

    return group;
  }

  function verdict(helpful) {
    return helpful ? "helpful" : "not helpful";
  }

  function citationId(turnNumber, n) {
    return `t${turnNumber}-c${Number(n)}`;
  }

  function setBusy(value) {
    busy = value;
    button.disabled = value;
    newConversation.disabled = value;
    log.setAttribute("aria-busy", value ? "true" : "false");
    status.classList.toggle("loading", value);
    status.textContent = value ? "Looking through the articles…" : "";
  }

  function updateConversationControls() {
    const empty = conversation.turns.length === 0;
    hint.hidden = !empty;
    newConversation.hidden = empty;
  }

  function updateCounter() {
    counter.textContent = `${input.value.length} / ${maxLength}`;
  }

  function loadConversation() {
    try {
      const saved = JSON.parse(window.sessionStorage.getItem(storageKey) || "null");
      if (saved && typeof saved.id === "string" && Array.isArray(saved.turns)) {
        const turns = saved.turns.filter((t) => t && typeof t.question === "string" && t.answer && typeof t.answer.answer === "string");
        return { id: saved.id, turns: turns.map((t) => ({ question: t.question, answer: t.answer, vote: typeof t.vote === "boolean" ? t.vote : null })) };
      }
    } catch (_) {
      // Storage unavailable or unreadable: start afresh.
    }
    return { id: ChatBotPage.randomId(), turns: [] };
  }

  function saveConversation() {
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(conversation));
    } catch (_) {
      // Private mode or full storage: the conversation still works until the page is left.
    }
  }
})();
