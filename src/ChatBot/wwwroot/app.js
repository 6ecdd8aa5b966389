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
  const errorBox = document.getElementById("error");
  const counter = document.getElementById("question-count");
  const maxLength = Number(input.getAttribute("maxlength")) || 2000;
  const conversationId = makeConversationId();
  let turn = 0;
  let busy = false;

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
      showError("Type a question first.");
      input.focus();
      return;
    }
    if (question.length > maxLength) {
      showError(`The question is too long (${question.length} characters); the limit is ${maxLength}.`);
      input.focus();
      return;
    }
    await ask(question);
  });

  async function ask(question) {
    setBusy(true);
    clearError();
    let response;
    try {
      response = await fetch("api/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ question: question, conversation_id: conversationId }),
      });
    } catch (_) {
      setBusy(false);
      showError("Could not reach the server. Check your connection and try again.");
      input.focus();
      return;
    }

    const body = await readJson(response);
    setBusy(false);
    if (!response.ok) {
      showError(describeError(response, body));
      input.focus();
      return;
    }
    if (!body || typeof body.answer !== "string") {
      showError("The server sent an answer this page cannot read.");
      input.focus();
      return;
    }

    renderTurn(question, body);
    input.value = "";
    updateCounter();
    input.focus();
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (_) {
      return null;
    }
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

  function renderTurn(question, answer) {
    turn += 1;
    hint.hidden = true;
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

    const citations = Array.isArray(answer.citations) ? answer.citations : [];
    const known = new Map(citations.map((c) => [Number(c.n), citationId(turn, c.n)]));
    const text = document.createElement("p");
    text.className = "answer-text";
    appendWithMarkers(text, answer.answer, known);
    card.appendChild(text);

    if (answer.answered && citations.length > 0) {
      const heading = document.createElement("h2");
      heading.className = "citations-title";
      heading.textContent = "Sources";
      card.appendChild(heading);
      const list = document.createElement("ol");
      list.className = "citations";
      for (const citation of citations) list.appendChild(renderCitation(citation));
      card.appendChild(list);
    }

    item.appendChild(card);
    log.appendChild(item);
    item.scrollIntoView({ block: "start", behavior: "smooth" });
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
    summary.appendChild(document.createTextNode(citation.title || citation.source || "Source"));
    if (citation.outlet) {
      const outlet = document.createElement("span");
      outlet.className = "outlet";
      outlet.textContent = " — " + citation.outlet;
      summary.appendChild(outlet);
    }
    details.appendChild(summary);

    const quote = document.createElement("blockquote");
    quote.className = "quote";
    quote.textContent = citation.quote || "";
    details.appendChild(quote);

    const meta = document.createElement("p");
    meta.className = "meta";
    meta.appendChild(document.createTextNode("File: " + (citation.source || "unknown")));
    if (typeof citation.url === "string" && /^https?:\/\//i.test(citation.url)) {
      meta.appendChild(document.createTextNode(" · "));
      const link = document.createElement("a");
      link.href = citation.url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      link.textContent = "Read the original article";
      meta.appendChild(link);
    }
    details.appendChild(meta);
    item.appendChild(details);
    return item;
  }

  function citationId(turnNumber, n) {
    return `t${turnNumber}-c${Number(n)}`;
  }

  function setBusy(value) {
    busy = value;
    button.disabled = value;
    log.setAttribute("aria-busy", value ? "true" : "false");
    status.classList.toggle("loading", value);
    status.textContent = value ? "Looking through the articles…" : "";
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  function clearError() {
    errorBox.textContent = "";
    errorBox.hidden = true;
  }

  function updateCounter() {
    counter.textContent = `${input.value.length} / ${maxLength}`;
  }

  function makeConversationId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    return String(Date.now()) + "-" + String(Math.random()).slice(2);
  }
})();
