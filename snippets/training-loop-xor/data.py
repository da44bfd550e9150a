# 두 프레임워크가 함께 쓰는 XOR 데이터와 하이퍼파라미터 (NumPy만 씁니다).

# --8<-- [start:data]
import numpy as np

# XOR: 두 입력이 다를 때만 1. 점 네 개가 전부입니다 (float32).
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)
Y = np.array([[0], [1], [1], [0]], dtype=np.float32)  # (4, 1): 모델 출력과 같은 모양
# --8<-- [end:data]

# --8<-- [start:hparams]
HIDDEN = 10  # 2-10-1 MLP
LEARNING_RATE = 0.5  # SGD
ADAM_LEARNING_RATE = 0.1
EPOCHS = 200  # 전체 배치(점 4개)라 1 에포크 = 갱신 1번
# Keras Adam의 기본값. PyTorch 쪽은 ε을 단계마다 바꿔 같은 갱신을 합니다 (vanishing 절)
BETA_1, BETA_2, KERAS_EPSILON = 0.9, 0.999, 1e-7
THRESHOLDS = (0.3, 0.5, 0.7)  # retrace 절에서 파이썬 숫자로 넘길 문턱값
# --8<-- [end:hparams]

# --8<-- [start:helpers]
# 결정 경계를 그릴 격자: [-0.5, 1.5]²의 81×81 점
GRID_AXIS = np.linspace(-0.5, 1.5, 81, dtype=np.float32)
GRID = np.stack(np.meshgrid(GRID_AXIS, GRID_AXIS), axis=-1).reshape(-1, 2)


def plot_boundaries(panels, title):
    """panels: {제목: 격자 위의 확률 (81·81,)}. 확률 0.5 선이 결정 경계입니다."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(
        1,
        len(panels),
        figsize=(6.4, 3.0),
        squeeze=False,
        layout="constrained",
    )
    for ax, (name, probs) in zip(axes[0], panels.items()):
        image = probs.reshape(len(GRID_AXIS), len(GRID_AXIS))
        extent = (GRID_AXIS[0], GRID_AXIS[-1], GRID_AXIS[0], GRID_AXIS[-1])
        shown = ax.imshow(
            image, origin="lower", extent=extent, vmin=0, vmax=1, cmap="RdBu_r"
        )
        ax.contour(GRID_AXIS, GRID_AXIS, image, levels=[0.5], colors="black")
        for label, marker in ((0, "o"), (1, "^")):  # 정답 0은 원, 1은 삼각형
            points = X[Y[:, 0] == label]
            ax.scatter(*points.T, s=60, marker=marker, c="white", edgecolors="black")
        ax.set_title(name, fontsize=10)
        ax.set_xlabel("x1")
    axes[0, 0].set_ylabel("x2")
    fig.colorbar(shown, ax=axes[0].tolist(), label="1일 확률")
    fig.suptitle(title)
    return fig


def log_scale(ax):
    """y축을 로그 눈금으로, 눈금 글자는 0.1, 0.01처럼 소수로 씁니다."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    ax.set_yscale("log")
    ticks = [m * 10.0**e for e in range(-4, 1) for m in (1, 2, 5)]  # 1, 2, 5 간격
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.yaxis.set_minor_locator(NullLocator())


def plot_losses(curves, title, overlap=False):
    """curves: {이름: 단계마다의 손실}. 로그 눈금으로 그립니다.

    overlap=True: 겹치는 곡선이 모두 보이도록 앞의 곡선일수록 굵고 옅게 그립니다.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.6, 3.4))
    for i, (name, losses) in enumerate(curves.items()):
        style = {}
        if overlap:
            style = {
                "lw": 1 + 1.5 * (len(curves) - 1 - i),
                "alpha": 0.35 + 0.65 * i / len(curves),
            }
        ax.plot(np.arange(1, len(losses) + 1), losses, label=name, **style)
    log_scale(ax)
    ax.set_xlabel("에포크")
    ax.set_ylabel("학습 손실 (로그 눈금)")
    ax.set_title(title)
    ax.legend(fontsize=9)
    fig.tight_layout()
    return fig


# --8<-- [end:helpers]
