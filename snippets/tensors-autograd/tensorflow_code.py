# 텐서와 자동 미분 — TensorFlow 2
# 실행: python tensorflow_code.py   (섹션 이름은 pytorch_code.py와 같습니다)

# --8<-- [start:tensors]
import numpy as np
import tensorflow as tf

from data import describe  # 예외를 짧게 찍는 도우미

array64 = np.array([1.0, 2.0, 3.0])  # NumPy 기본 float64
made = {
    "[1, 2, 3]": tf.constant([1, 2, 3]),
    "[1.0, 2.0, 3.0]": tf.constant([1.0, 2.0, 3.0]),
    "np.array([1.0, ...])": tf.constant(array64),
    "np.arange(1, 4)": tf.constant(np.arange(1, 4)),
    "range(3)": tf.range(3),
    "zeros((2, 3))": tf.zeros((2, 3)),
}
for source, tensor in made.items():
    shape = str(tuple(tensor.shape))
    print(f"{tensor.dtype.name:8s} {shape:7s} ← {source}")

ints = made["[1, 2, 3]"]
print("정수 / 2 →", (ints / 2).dtype.name)
print("cast     →", tf.cast(ints, tf.float32).dtype.name)
try:
    ints + 0.5  # dtype을 알아서 올려 주지 않습니다
except tf.errors.InvalidArgumentError as error:
    print(describe(error))
# --8<-- [end:tensors]

# --8<-- [start:ops]
x = tf.constant([-2.5, -0.5, 0.5, 1.5, 4.0])
results = {
    "x": x,
    "tf.math.negative": tf.math.negative(x),  # -x
    "tf.math.abs": tf.math.abs(x),
    "tf.math.sign": tf.math.sign(x),
    "tf.math.round": tf.math.round(x),  # 짝수 쪽으로
    "tf.math.ceil": tf.math.ceil(x),  # tf.ceil은 없음
    "tf.math.floor": tf.math.floor(x),
    "tf.math.square": tf.math.square(x),
    "tf.math.sqrt": tf.math.sqrt(tf.math.abs(x)),
    "tf.math.log": tf.math.log(tf.math.abs(x)),
    "tf.math.maximum": tf.math.maximum(x, 0.0),  # 스칼라 OK
    "tf.math.cumsum": tf.math.cumsum(x),  # 축 기본값 0
}
for name, value in results.items():
    row = " ".join(f"{v:6.3f}" for v in value.numpy())
    print(f"{name:16s} {row}")
# --8<-- [end:ops]

# --8<-- [start:broadcast]
column = tf.constant([[0.0], [10.0], [20.0]])  # (3, 1)
row = tf.constant([1.0, 2.0, 3.0, 4.0])  # (4,) → (1, 4)
table = column + row
print("(3, 1) + (4,) →", tuple(table.shape))
print(table.numpy())

# 모델 출력은 흔히 (N, 1), 정답은 (N,)
pred = tf.constant([[1.0], [2.0], [3.0]])
target = tf.constant([1.0, 2.0, 4.0])
print("pred - target →", tuple((pred - target).shape))
wrong = tf.reduce_mean(tf.square(pred - target))
right = tf.reduce_mean(tf.square(pred[:, 0] - target))
print(f"MSE: 잘못 {wrong:.4f} / 바르게 {right:.4f}")
try:
    row + tf.constant([1.0, 2.0, 3.0])  # (4,) + (3,)
except tf.errors.InvalidArgumentError as error:
    print(describe(error))
# --8<-- [end:broadcast]

# --8<-- [start:numpy]
array = np.array([1.0, 2.0, 3.0])
tensor = tf.constant(array)  # NumPy → 텐서: 복사
array[0] = 100.0
print("tf.constant:", tensor.numpy().tolist())

back = tensor.numpy()  # 텐서 → NumPy: 역시 복사
back[1] = -1.0
print("tensor     :", tensor.numpy().tolist())

# 학습 변수도 .numpy()로 바로 꺼낼 수 있습니다
variable = tf.Variable([1.0, 2.0])
print("variable   :", variable.numpy().tolist())
# --8<-- [end:numpy]

# --8<-- [start:gradient]
x = tf.Variable([1.0, 2.0, 3.0])  # 변수는 알아서 감시
c = tf.constant([2.0, -1.0, 0.5])  # 상수는 watch() 필요
# 블록 안에서 실행한 연산만 테이프에 기록됩니다
with tf.GradientTape() as tape:
    tape.watch(c)
    y = tf.reduce_sum(c * x**2)  # y = Σ c·x²
# 기울기를 값으로 돌려받습니다
dy_dx, dy_dc = tape.gradient(y, [x, c])
print("dy/dx =", dy_dx.numpy().tolist())  # 2·c·x
print("dy/dc =", dy_dc.numpy().tolist())  # x²

with tf.GradientTape() as tape:
    y = x**2  # 스칼라가 아닌 출력
dsum_dx = tape.gradient(y, x)  # Σy의 기울기를 줍니다
print("d(Σx²)/dx =", dsum_dx.numpy().tolist())
# --8<-- [end:gradient]

# --8<-- [start:persistent]
w = tf.Variable(3.0)
with tf.GradientTape() as tape:
    y = w**2
    z = y**2  # z = w⁴
dz_dw = tape.gradient(z, w)  # 4·w³
print("dz/dw =", dz_dw.numpy())
try:
    tape.gradient(y, w)  # 같은 테이프로 두 번째 계산
except RuntimeError as error:
    print(describe(error))

# 여러 번 쓸 수 있는 테이프
with tf.GradientTape(persistent=True) as tape:
    y = w**2
    z = y**2
dy_dw, dz_dw = tape.gradient(y, w), tape.gradient(z, w)
print("dy/dw =", dy_dw.numpy(), "/ dz/dw =", dz_dw.numpy())
del tape  # 붙잡아 둔 중간값을 놓아 줍니다
# --8<-- [end:persistent]

# --8<-- [start:accumulate]
weight = tf.Variable(1.0)
total = tf.Variable(0.0)
for i in range(1, 4):
    with tf.GradientTape() as tape:
        loss = (3.0 * weight) ** 2  # 기울기 18·w
    grad = tape.gradient(loss, weight)  # 매번 새 값
    total.assign_add(grad)  # 모으려면 직접 더합니다
    print(f"{i}번째: 기울기 {grad:.1f}, 모은 값 {total.numpy():.1f}")

weight.assign_sub(0.01 * total)  # 제자리 갱신
print(f"갱신 뒤 weight = {weight.numpy():.4f}")
print("type(weight)        →", type(weight).__name__)
# 평범한 뺄셈은 변수가 아닌 새 텐서를 만듭니다
print("type(weight - 0.01) →", type(weight - 0.01).__name__)
# --8<-- [end:accumulate]

# --8<-- [start:step]
from data import B_INIT, LEARNING_RATE, W_INIT, X, Y

x, y = tf.constant(X), tf.constant(Y)  # float32 텐서
W = tf.Variable(W_INIT)  # 파이썬 실수 → float32 변수
b = tf.Variable(B_INIT)


def train_step():
    with tf.GradientTape() as tape:
        # 평균제곱오차
        loss = tf.reduce_mean(tf.square(W * x + b - y))
    dW, db = tape.gradient(loss, [W, b])
    W.assign_sub(LEARNING_RATE * dW)  # W ← W − lr·dW
    b.assign_sub(LEARNING_RATE * db)
    return loss  # 갱신 전의 손실


# --8<-- [end:step]

# --8<-- [start:fit]
import matplotlib.pyplot as plt

from data import B_BEST, LOG_STEPS, STEPS, W_BEST, plot_fit

history = []  # 단계마다 (W, b, 손실)
print("단계       W       b    손실")
for step in range(1, STEPS + 1):
    loss = train_step()
    W_now, b_now = W.numpy(), b.numpy()
    history.append((float(W_now), float(b_now), float(loss)))
    if step in LOG_STEPS:
        print(f"{step:4d}  {W_now:6.4f}  {b_now:6.4f}  {loss:.4f}")
print(f"최소제곱 해: W = {W_BEST:.4f}, b = {B_BEST:.4f}")

plot_fit(history, "TensorFlow")
plt.show()
# --8<-- [end:fit]
