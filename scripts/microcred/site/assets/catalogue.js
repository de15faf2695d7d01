/* Filters and sorting for the catalogue home page. The filter state lives in the
   URL query, so a filtered list can be bookmarked and shared. */
(function () {
  "use strict";

  var form = document.getElementById("mc-filters");
  var list = document.getElementById("mc-cards");
  if (!form || !list) {
    return;
  }
  var count = document.getElementById("mc-count");
  var empty = document.getElementById("mc-empty");
  var cards = Array.prototype.slice.call(list.children);
  var total = cards.length;
  var filterNames = ["college", "unit", "level", "mode", "skill"];

  function skillsOf(card) {
    if (!card._skills) {
      try {
        card._skills = JSON.parse(card.getAttribute("data-skills") || "[]");
      } catch (error) {
        card._skills = [];
      }
    }
    return card._skills;
  }

  function matches(card, state) {
    return filterNames.every(function (name) {
      var selected = state[name];
      if (!selected) {
        return true;
      }
      if (name === "skill") {
        return skillsOf(card).indexOf(selected) !== -1;
      }
      return card.getAttribute("data-" + name) === selected;
    });
  }

  function number(card, name, missing) {
    var value = parseFloat(card.getAttribute("data-" + name));
    return isNaN(value) ? missing : value;
  }

  var comparators = {
    title: function (a, b) {
      return a.getAttribute("data-title").localeCompare(b.getAttribute("data-title"));
    },
    hours: function (a, b) {
      return number(a, "hours", Infinity) - number(b, "hours", Infinity);
    },
    cost: function (a, b) {
      return number(a, "cost", Infinity) - number(b, "cost", Infinity);
    },
    newest: function (a, b) {
      var left = a.getAttribute("data-approved") || "";
      var right = b.getAttribute("data-approved") || "";
      if (left === right) {
        return 0;
      }
      return left < right ? 1 : -1;
    }
  };

  function readForm() {
    var state = {};
    filterNames.concat(["sort"]).forEach(function (name) {
      state[name] = form.elements[name] ? form.elements[name].value : "";
    });
    return state;
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    Object.keys(state).forEach(function (name) {
      if (state[name] && !(name === "sort" && state[name] === "title")) {
        params.set(name, state[name]);
      }
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  function announce(visibleCount) {
    var text;
    if (visibleCount === total) {
      text = "Showing all " + total + " credentials";
    } else {
      text = "Showing " + visibleCount + " of " + total + " credentials";
    }
    count.textContent = text;
    empty.hidden = visibleCount !== 0;
  }

  function apply(updateUrl) {
    var state = readForm();
    var compare = comparators[state.sort] || comparators.title;
    var sorted = cards.slice().sort(function (a, b) {
      return compare(a, b) || comparators.title(a, b);
    });
    var visibleCount = 0;
    var fragment = document.createDocumentFragment();
    sorted.forEach(function (card) {
      var visible = matches(card, state);
      card.hidden = !visible;
      if (visible) {
        visibleCount += 1;
      }
      fragment.appendChild(card);
    });
    list.appendChild(fragment);
    announce(visibleCount);
    if (updateUrl) {
      writeUrl(state);
    }
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    filterNames.concat(["sort"]).forEach(function (name) {
      var select = form.elements[name];
      var value = params.get(name);
      if (!select || value === null) {
        return;
      }
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      if (known) {
        select.value = value;
      }
    });
  }

  form.addEventListener("change", function () {
    apply(true);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply(true);
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      apply(true);
    }, 0);
  });

  readUrl();
  apply(false);
})();
