// Helpers shared by the chat (app.js) and the quiz (quiz.js). Like them, every text from the server goes
// into the page through textContent or createTextNode, never parsed as HTML: corpus text is data, not markup.
"use strict";

window.ChatBotPage = Object.freeze({
  // A box showing one error message at a time: show(message), clear().
  errorBox(element) {
    return {
      show(message) {
        element.textContent = message;
        element.hidden = false;
      },
      clear() {
        element.textContent = "";
        element.hidden = true;
      },
    };
  },

  // "File: <name> · <link to the original>" under a quoted passage; the link only for an http(s) URL.
  sourceLine(citation, linkText) {
    const line = document.createElement("p");
    line.className = "meta";
    line.appendChild(document.createTextNode("File: " + (citation.source || "unknown")));
    if (typeof citation.url === "string" && /^https?:\/\//i.test(citation.url)) {
      line.appendChild(document.createTextNode(" · "));
      const link = document.createElement("a");
      link.href = citation.url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      link.textContent = linkText;
      line.appendChild(link);
    }
    return line;
  },

  // A random id (a conversation, this browser's quiz user).
  randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    return String(Date.now()) + "-" + String(Math.random()).slice(2);
  },

  // The response's JSON body, or null when it has none or it is not JSON.
  async readJson(response) {
    try {
      return await response.json();
    } catch (_) {
      return null;
    }
  },
});
