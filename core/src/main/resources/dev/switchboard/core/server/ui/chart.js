// A bar chart of deliveries (green, up) and failures (red, down) per minute on a canvas.
export function drawRate(canvas, rate) {
  const context = canvas.getContext('2d');
  const { width, height } = canvas;
  const middle = Math.round(height * 0.7);
  const most = Math.max(1, ...rate.delivered, ...rate.failed.map((failed, i) => failed + rate.retried[i]));
  const slot = width / rate.delivered.length;
  context.clearRect(0, 0, width, height);
  context.fillStyle = '#d8dde3';
  context.fillRect(0, middle, width, 1);
  rate.delivered.forEach((delivered, i) => {
    const up = Math.round((delivered / most) * (middle - 2));
    context.fillStyle = '#2e9d4f';
    context.fillRect(i * slot + 1, middle - up, slot - 2, up);
    const down = Math.round(((rate.failed[i] + rate.retried[i]) / most) * (height - middle - 2));
    context.fillStyle = rate.failed[i] > 0 ? '#c6392f' : '#e3a33b';
    context.fillRect(i * slot + 1, middle + 1, slot - 2, down);
  });
  canvas.title = `since ${rate.minute_start}: ${rate.delivered.reduce((a, b) => a + b, 0)} delivered, `
    + `${rate.retried.reduce((a, b) => a + b, 0)} retried, ${rate.failed.reduce((a, b) => a + b, 0)} failed`;
}
