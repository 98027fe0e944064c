// The guided routine. It walks through the plan the server built from the catalog
// (exercises/routine.py) and, at the end, posts the completed exercises with the page's
// own form. Plain script, no inline code: it runs under a strict Content-Security-Policy.
(function () {
  "use strict";

  const planNode = document.getElementById("routine-plan");
  const player = document.getElementById("routine-player");
  const list = document.getElementById("routine-list");
  const form = document.getElementById("routine-form");
  const sound = document.getElementById("routine-sound");
  if (!planNode || !player || !list || !form || !sound) {
    return;
  }

  const plan = JSON.parse(planNode.textContent);
  const exercises = plan.exercises;
  // The clock is measured, not counted: a throttled timer in a background tab still
  // moves the routine on by the real time that passed.
  const TICK_MS = 200;
  const TONES = { prepare: 440, work: 880, rest: 587, end: 660 };

  const state = {
    exercise: 0,
    phase: 0,
    leftMs: 0,
    running: false,
    finished: false,
    completed: new Set(),
    // Exercises left part-way (Skip or Finish after "Get ready"): the person is asked.
    partial: new Set(),
    lastTick: 0,
    timer: null,
  };
  let audio = null;
  let wakeLock = null;

  const field = (name) => player.querySelector(`[data-field="${name}"]`);
  const control = (name) => player.querySelector(`[data-action="${name}"]`);

  function showScreen(name) {
    for (const node of player.querySelectorAll("[data-screen]")) {
      node.hidden = node.dataset.screen !== name;
    }
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
    const steps = exercise.steps.map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    });
    field("steps").replaceChildren(...steps);
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
    state.completed.add(currentExercise().id);
    state.partial.delete(currentExercise().id);
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

  function start() {
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    if (sound.checked && AudioContext) {
      // Created on the tap that starts the routine: browsers only allow sound after one.
      audio = new AudioContext();
    }
    showScreen("run");
    // The optional rating before the routine is for before it: out of the way once it runs.
    for (const node of document.querySelectorAll(".relief-before")) {
      node.hidden = true;
    }
    preloadDrawings();
    goTo(0);
    run();
    control("pause").focus();
  }

  function stopClock() {
    state.running = false;
    window.clearInterval(state.timer);
  }

  // The one POST: the ticked exercises are added to today's entry, nothing is removed.
  function submit(ids) {
    if (state.finished) {
      return;
    }
    state.finished = true;
    stopClock();
    letScreenSleep();
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

  const actions = {
    start,
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

  // Leaving mid-routine would lose the exercises finished so far: ask first.
  window.addEventListener("beforeunload", (event) => {
    if (!state.finished && state.completed.size > 0) {
      event.preventDefault();
    }
  });

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

  list.hidden = true;
  player.hidden = false;
  showScreen("ready");
})();
