# 두 프레임워크가 함께 쓰는 데이터, 하이퍼파라미터, 작은 도우미 (NumPy만 씁니다).
# TensorFlow 쪽과 PyTorch 쪽은 이 파일에서 똑같은 배열과 초깃값을 받습니다.

# --8<-- [start:data]
import numpy as np

# 참값 W = 2, b = 1인 직선에 잡음을 얹은 점 10개 (두 프레임워크 모두 float32)
rng = np.random.default_rng(0)
X = np.linspace(0.0, 3.0, 10).astype(np.float32)
Y = (2.0 * X + 1.0 + rng.normal(0.0, 0.3, size=X.shape)).astype(np.float32)

# 경사 하강법이 다가가야 할 목표: 최소제곱(least squares) 해
W_BEST, B_BEST = np.polyfit(X.astype(np.float64), Y.astype(np.float64), deg=1)
# --8<-- [end:data]

# --8<-- [start:hparams]
W_INIT, B_INIT = 0.0, 0.0  # 원점에서 출발합니다
LEARNING_RATE = 0.1
STEPS = 100
LOG_STEPS = (1, 10, 100)  # 출력할 단계
# --8<-- [end:hparams]

# --8<-- [start:helpers]
import re


def describe(error):
    """예외를 '이름: 메시지 첫 문장' 한 줄로 (TF의 연산 꼬리표는 뗍니다)."""
    message = str(error).split("}} ")[-1].split(" [Op:")[0]
    message = re.split(r"\. (?=[A-Z])", message)[0]
    return f"{type(error).__name__}: {message}"


def plot_fit(params, title):
    """왼쪽: 데이터와 몇 단계의 직선, 오른쪽: 손실 등고선 위에 그린 (W, b)의 경로.

    params[0]은 초깃값, params[k]는 k단계 갱신 뒤의 (W, b)입니다.
    """
    import matplotlib.pyplot as plt

    path = np.array([np.asarray(p, dtype=np.float64) for p in params])
    fig, (left, right) = plt.subplots(1, 2, figsize=(6.4, 2.8))
    left.scatter(X, Y, s=14, color="black", zorder=3, label="데이터")
    ends = np.array([X.min(), X.max()])
    colors = ("#c7d7ec", "#8fb0da", "#4f81c0", "#d9480f")  # 옅은 파랑 → 주황
    for step, color in zip((0, 1, 2, STEPS), colors):
        w, b = path[step]
        left.plot(ends, w * ends + b, color=color, label=f"{step}단계")
    left.set_xlabel("x")
    left.set_ylabel("y")
    left.legend(fontsize=9, loc="lower right")

    # 격자 위의 모든 (W, b)에서 손실을 계산해 등고선을 그립니다 (로그 간격)
    ws, bs = np.meshgrid(np.linspace(-0.3, 2.7, 121), np.linspace(-0.6, 2.0, 121))
    losses = np.mean((ws[..., None] * X + bs[..., None] - Y) ** 2, axis=-1)
    right.contour(ws, bs, losses, levels=np.geomspace(0.06, 30, 10), colors="#bbbbbb")
    right.plot(*path.T, "o-", color="#d9480f", markersize=3, label="경사 하강법")
    right.plot(W_BEST, B_BEST, "*", color="black", markersize=10, label="최소제곱 해")
    right.set_xlabel("W")
    right.set_ylabel("b")
    right.legend(fontsize=9, loc="upper left")
    fig.suptitle(title)
    fig.tight_layout()
    return fig


# --8<-- [end:helpers]
