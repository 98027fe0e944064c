// The guided routine. It walks through the plan the server built from the catalog
// (exercises/routine.py). Each exercise finished is ticked on today's entry at once (a POST
// that only adds ticks), and the place reached is kept on the phone, so leaving, a reload, a
// locked screen or a closed tab loses nothing: coming back offers to carry on. At the end the
// page's own form posts what was done. Plain script, no inline code: it runs under a strict
// Content-Security-Policy.
(function () {
  "use strict";

  const planNode = document.getElementById("routine-plan");
  const todayNode = document.getElementById("routine-today");
  const player = document.getElementById("routine-player");
  const list = document.getElementById("routine-list");
  const form = document.getElementById("routine-form");
  const sound = document.getElementById("routine-sound");
  if (!planNode || !todayNode || !player || !list || !form || !sound) {
    return;
  }

  const plan = JSON.parse(planNode.textContent);
  // What the server knows of today: its date, the exercises already ticked, a rest day.
  const today = JSON.parse(todayNode.textContent);
  const exercises = plan.exercises;
  const planIds = exercises.map((exercise) => exercise.id);
  // The clock is measured, not counted: a throttled timer in a background tab still
  // moves the routine on by the real time that passed.
  const TICK_MS = 200;
  const TONES = { prepare: 440, work: 880, rest: 587, end: 660 };
  // Sent with each exercise finished: the server answers with JSON instead of a page.
  const ROUTINE_HEADER = "X-Footcare-Routine";

  const state = {
    exercise: 0,
    phase: 0,
    leftMs: 0,
    running: false,
    finished: false,
    // Finished (by the timer or "I did this one"), today, in this run or an earlier one.
    completed: new Set(planIds.filter((id) => today.done.includes(id))),
    // Exercises left part-way (Skip or Finish after "Get ready"): the person is asked.
    partial: new Set(),
    // Finished but not yet ticked on the server (offline, or the request still on its way).
    unsent: new Set(),
    lastTick: 0,
    timer: null,
  };
  let audio = null;
  let wakeLock = null;

  const field = (name) => player.querySelector(`[data-field="${name}"]`);
  const control = (name) => player.querySelector(`[data-action="${name}"]`);

  // --- the place reached, kept on this phone per person (pwa.js forgets it at log-out)

  const userMeta = document.querySelector('meta[name="footcare-user"]');
  const placeKey = userMeta ? `footcare:routine:${userMeta.content}` : null;

  function readPlace() {
    if (!placeKey) {
      return null;
    }
    try {
      const place = JSON.parse(window.localStorage.getItem(placeKey));
      // Only today's, and only for this routine (the catalog may have changed since).
      if (place && place.day === today.day && place.ids.join() === planIds.join()) {
        return place;
      }
    } catch {
      // Unreadable or refused (private browsing): start from the beginning.
    }
    return null;
  }

  function keepPlace() {
    if (!placeKey) {
      return;
    }
    const place = {
      day: today.day,
      ids: planIds,
      exercise: state.exercise,
      unsent: [...state.unsent],
    };
    try {
      window.localStorage.setItem(placeKey, JSON.stringify(place));
    } catch {
      // Storage full or refused: the ticks on the server are what matter.
    }
  }

  function forgetPlace() {
    if (placeKey) {
      try {
        window.localStorage.removeItem(placeKey);
      } catch {
        // Nothing kept.
      }
    }
  }

  // --- ticking each finished exercise on the server at once

  // Ticked on the server: what today's entry had when the page was loaded, and every send
  // answered since.
  const saved = new Set(today.done);
  let sending = false;
  async function sendTicks() {
    if (sending || !state.unsent.size || state.finished) {
      return;
    }
    sending = true;
    const ids = [...state.unsent];
    const body = new URLSearchParams();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    for (const id of ids) {
      body.append("exercises", String(id));
    }
    let sent = false;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        credentials: "same-origin",
        redirect: "manual",
        headers: { [ROUTINE_HEADER]: "1" },
      });
      sent = response.ok;
    } catch {
      // Offline: kept in state.unsent (and on the phone), sent when the network is back.
    } finally {
      sending = false;
    }
    if (sent) {
      for (const id of ids) {
        state.unsent.delete(id);
        saved.add(id);
      }
      keepPlace();
      // Another exercise may have finished while this one was on its way.
      sendTicks();
    }
  }

  // --- the screens

  function showScreen(name) {
    for (const node of player.querySelectorAll("[data-screen]")) {
      node.hidden = node.dataset.screen !== name;
    }
    // While it runs the page is the player: its heading and notes step aside.
    document.body.classList.toggle("routine-running", name === "run");
  }

  function formatClock(ms) {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const minutes = Math.floor(total / 60);
    return `${minutes}:${String(total % 60).padStart(2, "0")}`;
  }

  function currentExercise() {
    return exercises[state.exercise];
  }

  function currentPhase() {
    return currentExercise().phases[state.phase];
  }

  function secondsAfterThisPhase() {
    const phases = currentExercise().phases;
    let total = 0;
    for (let index = state.phase + 1; index < phases.length; index += 1) {
      total += phases[index].seconds;
    }
    for (let index = state.exercise + 1; index < exercises.length; index += 1) {
      total += exercises[index].seconds;
    }
    return total;
  }

  function nextLabel() {
    const phases = currentExercise().phases;
    if (state.phase + 1 < phases.length) {
      return phases[state.phase + 1].label;
    }
    if (state.exercise + 1 < exercises.length) {
      return exercises[state.exercise + 1].name;
    }
    return "The end: your exercises are saved to today";
  }

  function render() {
    const leftMs = state.leftMs + secondsAfterThisPhase() * 1000;
    field("clock").textContent = formatClock(state.leftMs);
    field("left").textContent = formatClock(leftMs);
    field("progress").value = Math.max(0, plan.total_seconds - leftMs / 1000);
  }

  // The exercise's steps beside the clock, the one the phase is about marked.
  function renderSteps(exercise, phase) {
    const steps = exercise.steps.map((text, index) => {
      const item = document.createElement("li");
      item.textContent = text;
      if (index === phase.step) {
        item.setAttribute("aria-current", "step");
      }
      return item;
    });
    const list = field("steps");
    list.replaceChildren(...steps);
    // Keep the marked step in view inside the list (it scrolls on a short screen), without
    // moving the page.
    const current = list.querySelector('[aria-current="step"]');
    if (current && list.scrollHeight > list.clientHeight) {
      // A third of the way down, with the step before it for context, unless the marked
      // step is too long for that: then from its top.
      const room = list.clientHeight - current.offsetHeight - 4;
      const above = Math.min(list.clientHeight / 3, room);
      list.scrollTop = current.offsetTop - list.offsetTop - Math.max(0, above);
    }
  }

  function renderStep() {
    const exercise = currentExercise();
    const phase = currentPhase();
    field("position").textContent = `Exercise ${state.exercise + 1} of ${exercises.length}`;
    field("name").textContent = exercise.name;
    field("phase").textContent = phase.label;
    field("phase").dataset.kind = phase.kind;
    field("next").textContent = nextLabel();
    field("done").textContent = String(state.completed.size);
    field("announce").textContent = `${exercise.name}: ${phase.label}`;
    renderSteps(exercise, phase);
    showDrawing(exercise, phase);
    const safety = exercise.safety.map(([heading, text]) => {
      const row = document.createElement("div");
      const term = document.createElement("dt");
      const detail = document.createElement("dd");
      term.textContent = heading;
      detail.textContent = text;
      row.append(term, detail);
      return row;
    });
    field("safety").replaceChildren(...safety);
    render();
  }

  // The picture follows the phase: up on tiptoe while holding, down while resting.
  function showDrawing(exercise, phase) {
    const picture = exercise.drawings[phase.drawing];
    field("drawing-figure").hidden = !picture;
    if (!picture) {
      return;
    }
    const image = field("drawing");
    if (image.getAttribute("src") !== picture.url) {
      image.src = picture.url;
    }
    image.alt = picture.alt;
  }

  // Fetched before they are needed, so that a change of phase never waits for a picture.
  function preloadDrawings() {
    for (const exercise of exercises) {
      for (const picture of exercise.drawings) {
        const image = new Image();
        image.src = picture.url;
      }
    }
  }

  function beep(kind) {
    if (!audio) {
      return;
    }
    const start = audio.currentTime;
    const length = kind === "prepare" || kind === "end" ? 0.45 : 0.2;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = TONES[kind] || TONES.work;
    gain.gain.setValueAtTime(0.25, start);
    gain.gain.exponentialRampToValueAtTime(0.001, start + length);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(start + length);
  }

  async function keepScreenOn() {
    if (!("wakeLock" in navigator) || wakeLock) {
      return;
    }
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeLock.addEventListener("release", () => {
        wakeLock = null;
      });
    } catch {
      // Refused (battery saver, hidden tab): the routine works without it.
      wakeLock = null;
    }
  }

  function letScreenSleep() {
    if (wakeLock) {
      wakeLock.release().catch(() => {});
      wakeLock = null;
    }
  }

  function goTo(index) {
    state.exercise = index;
    state.phase = 0;
    state.leftMs = currentPhase().seconds * 1000;
    keepPlace();
    renderStep();
    beep("prepare");
  }

  // Returns false once the routine is over.
  function advance() {
    const phases = currentExercise().phases;
    if (state.phase + 1 < phases.length) {
      state.phase += 1;
      state.leftMs += currentPhase().seconds * 1000;
      return true;
    }
    markDone();
    if (state.exercise + 1 < exercises.length) {
      state.exercise += 1;
      state.phase = 0;
      state.leftMs += currentPhase().seconds * 1000;
      keepPlace();
      return true;
    }
    end();
    return false;
  }

  function tick() {
    const now = performance.now();
    const elapsed = now - state.lastTick;
    state.lastTick = now;
    if (!state.running) {
      return;
    }
    state.leftMs -= elapsed;
    if (state.leftMs > 0) {
      render();
      return;
    }
    while (state.leftMs <= 0) {
      if (!advance()) {
        return;
      }
    }
    renderStep();
    beep(state.phase === 0 ? "prepare" : currentPhase().kind);
  }

  function markDone() {
    const id = currentExercise().id;
    state.partial.delete(id);
    if (!saved.has(id)) {
      state.unsent.add(id);
    }
    state.completed.add(id);
    keepPlace();
    sendTicks();
  }

  // Started (past "Get ready") but neither finished nor ticked by hand.
  function leftPartWay() {
    const id = currentExercise().id;
    if (state.phase > 0 && !state.completed.has(id)) {
      state.partial.add(id);
    }
  }

  function showPaused(paused) {
    player.classList.toggle("is-paused", paused);
    field("paused").hidden = !paused;
  }

  function run() {
    showPaused(false);
    state.running = true;
    state.lastTick = performance.now();
    state.timer = window.setInterval(tick, TICK_MS);
    control("pause").textContent = "Pause";
    keepScreenOn();
  }

  function pause() {
    state.running = false;
    window.clearInterval(state.timer);
    control("pause").textContent = "Resume";
    field("announce").textContent = "Paused";
    showPaused(true);
  }

  function startAt(index) {
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    if (sound.checked && AudioContext && !audio) {
      // Created on the tap that starts the routine: browsers only allow sound after one.
      audio = new AudioContext();
    }
    showScreen("run");
    // The optional rating before the routine is for before it: out of the way once it runs.
    for (const node of document.querySelectorAll(".relief-before")) {
      node.hidden = true;
    }
    preloadDrawings();
    goTo(index);
    run();
    // The screen starts at the top (the Start button may have been scrolled to), and the
    // clock, the step, Pause and Skip fit it.
    window.scrollTo({ top: 0, behavior: "instant" });
    control("pause").focus({ preventScroll: true });
  }

  function stopClock() {
    state.running = false;
    window.clearInterval(state.timer);
  }

  // The last POST: the ticked exercises are added to today's entry, nothing is removed.
  function submit(ids) {
    if (state.finished) {
      return;
    }
    state.finished = true;
    stopClock();
    letScreenSleep();
    forgetPlace();
    for (const box of form.querySelectorAll('input[name="exercises"]')) {
      box.checked = ids.has(Number(box.value));
    }
    showScreen("saving");
    form.submit();
  }

  // Asks which exercises to tick, instead of ticking only the ones the timer finished.
  function review(ended) {
    stopClock();
    showPaused(false);
    for (const box of player.querySelectorAll("[data-review]")) {
      box.checked = state.completed.has(Number(box.value));
    }
    for (const note of player.querySelectorAll("[data-partial]")) {
      note.hidden = !state.partial.has(Number(note.dataset.partial));
    }
    control("resume-review").hidden = ended;
    showScreen("review");
    player.querySelector("#routine-review-title").focus();
  }

  // The last step ran out.
  function end() {
    stopClock();
    beep("end");
    if (state.partial.size) {
      review(true);
    } else {
      submit(state.completed);
    }
  }

  function finishEarly() {
    leftPartWay();
    review(false);
  }

  function nextOrEnd() {
    if (state.exercise + 1 < exercises.length) {
      goTo(state.exercise + 1);
    } else {
      end();
    }
  }

  // --- coming back: carry on where the person left off, or start again

  // The place to carry on from: the one kept on this phone, else the first exercise of the
  // routine not ticked today (from any device) once the earlier ones are; the length of the
  // routine when all are done; -1 when there is nothing to carry on.
  function resumeIndex() {
    const place = readPlace();
    if (place) {
      for (const id of place.unsent) {
        if (planIds.includes(id) && !saved.has(id)) {
          state.unsent.add(id);
          state.completed.add(id);
        }
      }
      if (place.exercise > 0 && place.exercise < exercises.length) {
        return place.exercise;
      }
    }
    const first = planIds.findIndex((id) => !state.completed.has(id));
    if (first === -1) {
      return exercises.length;
    }
    return first === 0 ? -1 : first;
  }

  function offerToCarryOn(index) {
    if (index === -1) {
      return;
    }
    const of = exercises.length;
    const resume = control("resume");
    field("resume").hidden = false;
    field("start").hidden = true;
    if (index >= of) {
      field("resume-text").textContent = `You have done all ${of} exercises today. Well done.`;
      resume.hidden = true;
      return;
    }
    const done = state.completed.size;
    field("resume-text").textContent =
      `You have done ${done} of ${of} exercise${of === 1 ? "" : "s"} today.`;
    resume.textContent = `Carry on from exercise ${index + 1} of ${of}`;
    resume.dataset.index = String(index);
  }

  const actions = {
    start: () => startAt(0),
    restart: () => {
      state.partial.clear();
      startAt(0);
    },
    resume: () => startAt(Number(control("resume").dataset.index)),
    pause: () => (state.running ? pause() : run()),
    skip: () => {
      leftPartWay();
      nextOrEnd();
    },
    did: () => {
      markDone();
      nextOrEnd();
    },
    back: () => goTo(Math.max(0, state.exercise - 1)),
    finish: finishEarly,
    "save-review": () => {
      const ticked = player.querySelectorAll("[data-review]:checked");
      submit(new Set([...ticked].map((box) => Number(box.value))));
    },
    "resume-review": () => {
      showScreen("run");
      pause();
      control("pause").focus();
    },
  };

  player.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (button && actions[button.dataset.action] && !state.finished) {
      actions[button.dataset.action]();
    }
  });

  // Leaving loses nothing once every finished exercise is ticked on the server: only then
  // does the page let go without asking.
  window.addEventListener("beforeunload", (event) => {
    if (!state.finished && state.unsent.size > 0) {
      event.preventDefault();
    }
  });

  window.addEventListener("online", sendTicks);

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && state.running) {
      keepScreenOn();
    }
  });

  // Remember the sound choice on this device; private browsing may refuse storage.
  try {
    sound.checked = window.localStorage.getItem("footcare-routine-sound") !== "off";
    sound.addEventListener("change", () => {
      window.localStorage.setItem("footcare-routine-sound", sound.checked ? "on" : "off");
    });
  } catch {
    sound.checked = true;
  }

  // The safety texts in full before the first exercise of the day, folded after it.
  if (state.completed.size) {
    field("safety-all").open = false;
  }

  list.hidden = true;
  offerToCarryOn(resumeIndex());
  showScreen("ready");
  sendTicks();

  // A rest day of an experiment: the page says so first; the player waits for "Go on anyway".
  const anyway = document.querySelector('#rest-day [data-action="anyway"]');
  if (today.rest_day && anyway) {
    anyway.hidden = false;
    anyway.addEventListener("click", () => {
      anyway.hidden = true;
      player.hidden = false;
      player.querySelector("button:not([hidden])").focus();
    });
  } else {
    player.hidden = false;
  }
})();
