// ChatBot page: the Ask / Quiz tabs and the quiz. Like app.js, every text from the server goes into
// the page through textContent, never parsed as HTML. Quiz progress is kept by the server per user:
// this browser's user is a random id kept in localStorage (the server stores only a salted hash of it).
"use strict";

(function () {
  const tabs = [document.getElementById("tab-ask"), document.getElementById("tab-quiz")];
  const panels = { "tab-ask": document.getElementById("panel-ask"), "tab-quiz": document.getElementById("panel-quiz") };
  const article = document.getElementById("quiz-article");
  const scoreLine = document.getElementById("quiz-score");
  const card = document.getElementById("quiz-card");
  const meta = document.getElementById("quiz-meta");
  const questionText = document.getElementById("quiz-question");
  const choices = document.getElementById("quiz-choices");
  const answerForm = document.getElementById("quiz-answer-form");
  const answerInput = document.getElementById("quiz-answer");
  const answerButton = document.getElementById("quiz-answer-button");
  const feedback = document.getElementById("quiz-feedback");
  const next = document.getElementById("quiz-next");
  const error = ChatBotPage.errorBox(document.getElementById("quiz-error"));
  const status = document.getElementById("quiz-status");
  const user = quizUser();
  let current = null;
  let asked = 0;
  let busy = false;
  let started = false;

  // ---- tabs (WAI-ARIA tabs: arrow keys move between them)
  for (const tab of tabs) {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
      event.preventDefault();
      const other = tabs[(tabs.indexOf(tab) + 1) % tabs.length];
      select(other);
      other.focus();
    });
  }

  function select(tab) {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", selected ? "true" : "false");
      t.tabIndex = selected ? 0 : -1;
      panels[t.id].hidden = !selected;
    }
    if (tab.id === "tab-quiz" && !started) {
      started = true;
      loadArticles();
      nextQuestion();
    }
  }

  // ---- quiz
  article.addEventListener("change", () => nextQuestion());
  next.addEventListener("click", () => nextQuestion());
  answerForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = answerInput.value.trim();
    if (!text) {
      error.show("Type an answer first.");
      answerInput.focus();
      return;
    }
    answer(text, null);
  });

  async function loadArticles() {
    const response = await send("GET", "api/sources");
    if (!response.ok || !response.body || !Array.isArray(response.body.sources)) return;
    for (const source of response.body.sources) {
      if (source.duplicate_of) continue; // a near-duplicate is quizzed through its original
      const option = document.createElement("option");
      option.value = String(source.source || "");
      option.textContent = source.title || source.source;
      article.appendChild(option);
    }
  }

  async function nextQuestion() {
    if (busy) return;
    setBusy(true, "Finding a question…");
    error.clear();
    const payload = { user: user };
    if (article.value) payload.article = article.value;
    const response = await send("POST", "api/quiz", payload);
    setBusy(false, "");
    if (!response.ok || !response.body || typeof response.body.question !== "string") {
      error.show(describe(response, "Could not get a question."));
      return;
    }
    asked += 1;
    render(response.body);
  }

  function render(question) {
    current = question;
    card.dataset.id = question.id;
    meta.textContent = `Question ${asked} · ${formatName(question.type)} · ${question.difficulty || ""}`.replace(/ · $/, "");
    questionText.textContent = question.question;
    feedback.hidden = true;
    feedback.replaceChildren();
    next.hidden = true;
    choices.replaceChildren();
    answerInput.value = "";
    const options = Array.isArray(question.choices) ? question.choices : [];
    if (question.type === "true_false" || (question.type === "multiple_choice" && options.length > 0)) {
      answerForm.hidden = true;
      choices.hidden = false;
      options.forEach((text, i) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "quiz-choice";
        const value = question.type === "true_false" ? String(text) : String.fromCharCode(65 + i);
        button.dataset.answer = value;
        button.textContent = question.type === "true_false" ? String(text) : `${value}) ${text}`;
        button.addEventListener("click", () => answer(value, button));
        choices.appendChild(button);
      });
      choices.querySelector("button").focus();
    } else {
      choices.hidden = true;
      answerForm.hidden = false;
      answerInput.disabled = false;
      answerButton.disabled = false;
      answerInput.focus();
    }
  }

  async function answer(text, button) {
    if (busy || !current) return;
    setBusy(true, "Checking…");
    error.clear();
    const response = await send("POST", "api/quiz/answer", { id: current.id, answer: text, user: user });
    setBusy(false, "");
    if (!response.ok || !response.body || typeof response.body.correct !== "boolean") {
      error.show(describe(response, "Could not check the answer."));
      return;
    }
    showGrade(response.body, button);
  }

  function showGrade(grade, button) {
    for (const b of choices.querySelectorAll("button")) b.disabled = true;
    answerInput.disabled = true;
    answerButton.disabled = true;
    const expected = String(grade.expected || "");
    if (button) button.classList.add(grade.correct ? "correct" : "wrong");
    for (const b of choices.querySelectorAll("button")) {
      const letter = b.dataset.answer;
      if (expected === letter || expected.startsWith(letter + ")")) b.classList.add("correct");
    }

    const verdict = paragraph(grade.correct ? "✔ Right!" : "✘ Not quite.", "quiz-verdict " + (grade.correct ? "right" : "not-right"));
    feedback.replaceChildren(verdict, paragraph("The answer: " + expected, "quiz-expected"));
    const accepted = (Array.isArray(grade.accepted) ? grade.accepted : [])
      .filter((a) => typeof a === "string" && a.length > 1 && a !== expected && !expected.endsWith(") " + a));
    if (accepted.length > 0 && grade.kind !== "true_false") feedback.appendChild(paragraph("Also accepted: " + accepted.join("; "), "quiz-accepted"));
    if (!grade.correct && Number.isInteger(grade.review_in)) {
      feedback.appendChild(paragraph(`This one comes back in ${grade.review_in} questions.`, "quiz-review"));
    }
    feedback.appendChild(renderSource(grade.citation || {}));
    scoreLine.textContent = `Score ${grade.score}/${grade.answered} · streak ${grade.streak} (best ${grade.best_streak})`;
    feedback.hidden = false;
    next.hidden = false;
    next.focus();
  }

  function renderSource(citation) {
    const box = document.createElement("div");
    box.className = "quiz-source";
    const title = paragraph((citation.title || citation.source || "Source") + (citation.outlet ? " — " + citation.outlet : ""), "source-title");
    const quote = document.createElement("blockquote");
    quote.textContent = citation.quote || "";
    box.append(title, quote, ChatBotPage.sourceLine(citation, "Read the original"));
    return box;
  }

  function paragraph(text, className) {
    const p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function formatName(type) {
    switch (type) {
      case "multiple_choice": return "multiple choice";
      case "true_false": return "true or false";
      default: return "short answer";
    }
  }

  async function send(method, url, body) {
    try {
      const response = await fetch(url, {
        method: method,
        headers: body ? { "Content-Type": "application/json", "Accept": "application/json" } : { "Accept": "application/json" },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { ok: response.ok, status: response.status, headers: response.headers, body: await ChatBotPage.readJson(response) };
    } catch (_) {
      return { ok: false, status: 0, headers: null, body: null };
    }
  }

  function describe(response, fallback) {
    const message = response.body && typeof response.body.error === "string" ? response.body.error : "";
    if (response.status === 0) return "Could not reach the server. Check your connection and try again.";
    if (response.status === 429) return message || "Too many requests; wait a moment and try again.";
    if (response.status === 503) return message || "The service is not ready yet; try again in a few seconds.";
    return message || `${fallback} (${response.status})`;
  }

  function setBusy(value, text) {
    busy = value;
    card.setAttribute("aria-busy", value ? "true" : "false");
    next.disabled = value;
    status.classList.toggle("loading", value);
    status.textContent = text;
  }

  function quizUser() {
    const key = "chatbot-quiz-user";
    try {
      let id = window.localStorage.getItem(key);
      if (!id) {
        id = ChatBotPage.randomId();
        window.localStorage.setItem(key, id);
      }
      return "web:" + id;
    } catch (_) {
      return "web:" + ChatBotPage.randomId();
    }
  }
})();
