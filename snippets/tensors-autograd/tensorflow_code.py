# 텐서와 자동 미분 — TensorFlow 2
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:tensors]
import numpy as np
import tensorflow as tf

from data import describe

ints = tf.constant([1, 2, 3])  # 파이썬 정수
x32 = tf.constant([1.0, 2.0, 3.0])  # 파이썬 실수
x64 = tf.constant(np.array([1.0, 2.0, 3.0]))  # NumPy 배열
print("ints, x32, x64:", ints.dtype.name, x32.dtype.name, x64.dtype.name)
try:
    x32 + x64  # dtype이 다르면 계산하지 않습니다
except tf.errors.InvalidArgumentError as error:
    print(describe(error))

# dtype은 tf.cast로 직접 맞춥니다
scalar64 = tf.constant(10.0, dtype=tf.float64)  # 0차원 float64
mixed = {
    "int32 + 0.5": tf.cast(ints, tf.float32) + 0.5,
    "float32 + float64 (3,)": tf.cast(x32, tf.float64) + x64,
    "float32 + float64 ()": x32 + tf.cast(scalar64, tf.float32),
}
for label, value in mixed.items():
    print(f"{label:22s} → {value.dtype.name}")
# --8<-- [end:tensors]

# --8<-- [start:ops]
x = tf.constant([-2.5, -0.5, 0.5, 1.5])
results = {
    "x": x,
    "tf.math.negative": tf.math.negative(x),  # -x
    "tf.math.round": tf.math.round(x),  # 짝수 쪽으로
    "tf.math.ceil": tf.math.ceil(x),  # tf.ceil은 없음
    "tf.math.sqrt": tf.math.sqrt(tf.math.abs(x)),
    "tf.math.log": tf.math.log(tf.math.abs(x)),
    "tf.math.cumsum": tf.math.cumsum(x),  # 축 기본값 0
}
for name, value in results.items():
    line = " ".join(f"{v:6.2f}" for v in value.numpy())
    print(f"{name:16s} {line}")

# 브로드캐스팅: (2, 1) + (3,) → (2, 3)
column = tf.constant([[0.0], [10.0]])
row = tf.constant([1.0, 2.0, 3.0])
table = column + row
print("(2, 1) + (3,) →", table.numpy().tolist())
# --8<-- [end:ops]

# --8<-- [start:numpy]
array = np.array([1.0, 2.0, 3.0])
tensor = tf.constant(array)  # NumPy → 텐서: 복사
array[0] = 100.0
print("tf.constant:", tensor.numpy().tolist())

back = tensor.numpy()  # 텐서 → NumPy: 여기서는 복사
back[1] = -1.0
print("tensor     :", tensor.numpy().tolist())
# --8<-- [end:numpy]

# --8<-- [start:gradient]
x = tf.Variable([1.0, 2.0, 3.0])  # 변수는 알아서 지켜봅니다
c = tf.constant([2.0, -1.0, 0.5])  # 상수는 watch()가 필요합니다
# with 블록 안의 연산만 기록합니다. persistent=True: 여러 번 물을 수 있는 테이프
with tf.GradientTape(persistent=True) as tape:
    tape.watch(c)
    y = tf.reduce_sum(c * x**2)  # y = Σ c·x²
dy_dx, dy_dc = tape.gradient(y, [x, c])  # 값으로 돌려받습니다
print("dy/dx =", dy_dx.numpy().tolist(), "/ dy/dc =", dy_dc.numpy().tolist())
# 다시 물어도 새로 계산한 같은 값이라, 모으려면 직접 더합니다
total = dy_dx + tape.gradient(y, x)
print("두 번 구해 더한 dy/dx =", total.numpy().tolist())
del tape  # 테이프가 잡고 있던 중간값을 풀어 줍니다

with tf.GradientTape() as tape:  # watch()를 빼면
    y = tf.reduce_sum(c * x**2)
print("watch 없이 dy/dc →", tape.gradient(y, c))  # 오류 없이 None
# --8<-- [end:gradient]

# --8<-- [start:fit]
import matplotlib.pyplot as plt

from data import B_INIT, LEARNING_RATE, STEPS, W_INIT, X, Y

x, y = tf.constant(X), tf.constant(Y)  # float32 텐서
W = tf.Variable(W_INIT)  # 파이썬 실수 → float32 변수
b = tf.Variable(B_INIT)


def train_step():
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(W * x + b - y))  # 평균 제곱 오차
    dW, db = tape.gradient(loss, [W, b])
    W.assign_sub(LEARNING_RATE * dW)  # W ← W − lr·dW
    b.assign_sub(LEARNING_RATE * db)
    return loss  # 갱신 전의 손실


params = [tf.stack([W, b])]  # 초깃값부터 단계마다 (W, b)
losses = []
for _ in range(STEPS):
    losses.append(float(train_step()))
    params.append(tf.stack([W, b]))

from data import B_BEST, LOG_STEPS, W_BEST, plot_fit

print("단계       W       b    손실")
for step in LOG_STEPS:
    w_now, b_now = params[step].numpy()
    print(f"{step:4d}  {w_now:6.4f}  {b_now:6.4f}  {losses[step - 1]:.4f}")
print(f"최소제곱 해: W = {W_BEST:.4f}, b = {B_BEST:.4f}")

plot_fit(params, "TensorFlow")
plt.show()
# --8<-- [end:fit]

# --8<-- [start:exercise-accumulate]
# 연습 문제 1: 데이터를 반씩 나눠 구한 기울기를 모으면?
W0, b0 = tf.Variable(W_INIT), tf.Variable(B_INIT)


def gradients(xs, ys):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(W0 * xs + b0 - ys))
    return tf.stack(tape.gradient(loss, [W0, b0]))


# 두 절반의 기울기를 직접 더하고 2로 나눕니다
halves = (gradients(x[:5], y[:5]) + gradients(x[5:], y[5:])) / 2
print("절반 두 개:", halves.numpy().round(4))
print("전체 배치 :", gradients(x, y).numpy().round(4))
# --8<-- [end:exercise-accumulate]

# --8<-- [start:exercise-zero-grad]
# 연습 문제 2: 기울기를 비우지 않고 계속 더해 가며 갱신하면?
W0, b0 = tf.Variable(W_INIT), tf.Variable(B_INIT)
total = tf.zeros(2)  # PyTorch의 .grad 역할
for step in range(1, STEPS + 1):
    total += gradients(x, y)  # 연습 문제 1의 함수
    W0.assign_sub(LEARNING_RATE * total[0])
    b0.assign_sub(LEARNING_RATE * total[1])
    if step in (10, STEPS):
        print(f"{step}단계 뒤 W = {W0.numpy():.4f}, b = {b0.numpy():.4f}")
# --8<-- [end:exercise-zero-grad]
